using System.Buffers;
using System.Text.Json;

namespace ActorCloud.Api.Gateway;

/// <summary>CloudBase's response envelopes, always HTTP 200 and never an empty body (the SDK would crash on one).</summary>
public static class Envelope
{
    /// <summary>
    /// The answer is composed in memory before any byte is sent, so a reply that fails half-way becomes a clean
    /// error envelope instead of a truncated body.
    /// </summary>
    public static async Task WriteSuccessAsync(HttpResponse response, string requestId, GatewayReply reply, CancellationToken cancellation)
    {
        var buffer = new ArrayBufferWriter<byte>();
        await using (var writer = new Utf8JsonWriter(buffer)) Compose(writer, requestId, reply);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        await response.Body.WriteAsync(buffer.WrittenMemory, cancellation);
    }

    private static void Compose(Utf8JsonWriter writer, string requestId, GatewayReply reply)
    {
        writer.WriteStartObject();
        writer.WriteString("requestId", requestId);
        if (reply.Data is not null)
        {
            writer.WriteStartObject("data");
            reply.Data(writer);
            writer.WriteEndObject();
        }
        reply.TopLevel?.Invoke(writer);
        writer.WriteEndObject();
    }

    public static async Task WriteErrorAsync(HttpResponse response, string requestId, string code, string message, CancellationToken cancellation)
    {
        if (response.HasStarted) return;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("code", code);
        writer.WriteString("message", message);
        writer.WriteString("requestId", requestId);
        writer.WriteEndObject();
        await writer.FlushAsync(cancellation);
    }
}
