using System.Text.Json;

namespace ActorCloud.Api.Watch;

/// <summary>
/// The server's realtime frames (protocol notes §3.9), rendered to UTF-8 once: <c>{watchId, requestId, msgType,
/// msgData}</c>. A reply carries the request's <c>requestId</c>, which is how the client matches it; a pushed frame
/// carries the <c>watchId</c>, which is how the client routes it to its listener.
/// </summary>
public static class WatchFrames
{
    public const string LoginResType = "LOGIN_RES";
    public const string InitEventType = "INIT_EVENT";
    public const string NextEventType = "NEXT_EVENT";
    public const string CheckEventType = "CHECK_EVENT";
    public const string PongType = "PONG";
    public const string ErrorType = "ERROR";

    public static byte[] LoginRes(string? requestId, string envId) => Frame(null, requestId, LoginResType, w =>
    {
        w.WriteStartObject();
        w.WriteString("envId", envId);
        w.WriteEndObject();
    });

    public static byte[] Pong(string? requestId) => Frame(null, requestId, PongType, w => w.WriteNullValue());

    public static byte[] Error(string? watchId, string? requestId, string code, string message) => Frame(watchId, requestId, ErrorType, w =>
    {
        w.WriteStartObject();
        w.WriteString("code", code);
        w.WriteString("message", message);
        w.WriteEndObject();
    });

    /// <summary>INIT_EVENT or NEXT_EVENT: the batches in ID order; <c>currEvent</c> is the watch's latest event ID.</summary>
    public static byte[] Events(string msgType, string? watchId, string requestId, string queryId, long currEvent, IEnumerable<EventBatch> batches) =>
        Frame(watchId, requestId, msgType, w =>
        {
            w.WriteStartObject();
            w.WriteString("queryID", queryId);
            w.WriteNumber("currEvent", currEvent);
            w.WriteStartArray("events");
            foreach (var batch in batches)
            {
                foreach (var e in batch.Events) e.Write(w, batch.Id);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });

    public static byte[] CheckEvent(string? watchId, string? requestId, string queryId, long currEvent) => Frame(watchId, requestId, CheckEventType, w =>
    {
        w.WriteStartObject();
        w.WriteString("queryID", queryId);
        w.WriteNumber("currEvent", currEvent);
        w.WriteEndObject();
    });

    /// <summary>A request id for frames the server pushes on its own.</summary>
    public static string NewRequestId() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    private static byte[] Frame(string? watchId, string? requestId, string msgType, Action<Utf8JsonWriter> msgData)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (watchId is not null) w.WriteString("watchId", watchId);
            if (requestId is not null) w.WriteString("requestId", requestId);
            w.WriteString("msgType", msgType);
            w.WritePropertyName("msgData");
            msgData(w);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
