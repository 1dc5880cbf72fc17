using System.Buffers;
using System.Text.Json;

namespace ActorCloud.Bench.Functions;

/// <summary>
/// Request bodies for <c>POST /admin</c>. The call is what <c>@cloudbase/node-sdk</c>'s <c>callFunction</c> sends
/// (<c>function_name</c>, <c>request_data</c> as JSON text, then the common fields); deployments use the management
/// API's PascalCase members, written member by member so no serializer naming policy can camel-case them.
/// </summary>
public sealed class ActionBodies(string env)
{
    public const string Event = """{"a":1,"b":2}""";

    public byte[] Invoke(string name) => Build("functions.invokeFunction", w =>
    {
        w.WriteString("function_name", name);
        w.WriteString("request_data", Event);
    });

    public byte[] CreateNode(string name, byte[] zip) => Build("actorcloud.createFunction", w =>
    {
        w.WriteString("FunctionName", name);
        w.WriteStartObject("Code");
        w.WriteBase64String("ZipFile", zip);
        w.WriteEndObject();
    });

    public byte[] CreateDotnet(string name, string handler) => Build("actorcloud.createFunction", w =>
    {
        w.WriteString("FunctionName", name);
        w.WriteString("Runtime", "dotnet");
        w.WriteString("Handler", handler);
    });

    public byte[] Logs(string name, int limit) => Build("actorcloud.getFunctionLogs", w =>
    {
        w.WriteString("FunctionName", name);
        w.WriteNumber("Limit", limit);
    });

    private byte[] Build(string action, Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("action", action);
            fields(w);
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
