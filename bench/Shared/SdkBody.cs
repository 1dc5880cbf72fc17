using System.Buffers;
using System.Text.Json;

namespace ActorCloud.Bench.Shared;

/// <summary>
/// A <c>/admin</c> body as <c>@cloudbase/node-sdk</c> 3.18 sends a database action (cloudbase-protocol.md §2.6, §3.4):
/// the action's fields, then <c>action</c> and the common fields every action carries.
/// </summary>
public static class SdkBody
{
    public static byte[] Build(string env, string action, Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            fields(w);
            w.WriteString("action", action);
            w.WriteString("envName", env);
            w.WriteString("wxCloudApiToken", "");
            w.WriteString("wxCloudbaseAccesstoken", "");
            w.WriteString("tcb_sessionToken", "");
            w.WriteString("crossAuthorizationToken", "");
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
