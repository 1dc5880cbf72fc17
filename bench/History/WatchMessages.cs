using System.Buffers;
using System.Text.Json;

namespace ActorCloud.Bench.History;

/// <summary>
/// The client's frames of the realtime protocol as <c>@cloudbase/database</c>'s <c>RealtimeWebSocketClient</c>
/// builds them (cloudbase-protocol.md §3.9): members the SDK leaves <c>undefined</c> are absent, ids have its form.
/// </summary>
public static class WatchMessages
{
    public static string NewRequestId() => $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}_{Random.Shared.NextDouble()}";

    public static string NewWatchId() => $"watchid_{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}_{Random.Shared.NextDouble()}";

    public static byte[] Login(string requestId, WsSign sign) => Build(w =>
    {
        w.WriteString("requestId", requestId);
        w.WriteString("msgType", "LOGIN");
        w.WriteStartObject("msgData");
        w.WriteString("envId", sign.EnvId);
        w.WriteString("accessToken", "");
        w.WriteString("referrer", "web");
        w.WriteString("sdkVersion", "");
        w.WriteString("dataVersion", "");
        w.WriteEndObject();
        w.WriteStartObject("exMsgData");
        w.WriteString("signStr", sign.SignStr);
        if (sign.SecretVersionJson is { } version)
        {
            w.WritePropertyName("secretVersion");
            w.WriteRawValue(version);
        }
        w.WriteEndObject();
    });

    /// <summary>
    /// <c>db.collection(c).where({}).watch(…)</c>: the SDK sends <c>JSON.stringify</c> of its EJSON filter string, so the
    /// query arrives encoded twice (<c>"\"{}\""</c>); no limit or order.
    /// </summary>
    public static byte[] InitWatch(string watchId, string requestId, string envId, string collection) => Build(w =>
    {
        w.WriteString("watchId", watchId);
        w.WriteString("requestId", requestId);
        w.WriteString("msgType", "INIT_WATCH");
        w.WriteStartObject("msgData");
        w.WriteString("envId", envId);
        w.WriteString("collName", collection);
        w.WriteString("query", JsonSerializer.Serialize("{}"));
        w.WriteEndObject();
    });

    public static byte[] CloseWatch(string watchId) => Build(w =>
    {
        w.WriteString("watchId", watchId);
        w.WriteString("requestId", NewRequestId());
        w.WriteString("msgType", "CLOSE_WATCH");
        w.WriteNull("msgData");
    });

    private static byte[] Build(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            members(w);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
