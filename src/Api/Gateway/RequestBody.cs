using System.Buffers;
using System.Text.Json;
using ActorCloud.Documents;
using Microsoft.AspNetCore.Http.Features;

namespace ActorCloud.Api.Gateway;

/// <summary>
/// Reads a JSON request body asynchronously with our own size check, so an oversized body is answered in
/// CloudBase's envelope (<c>EXCEED_REQUEST_LIMIT</c>) rather than with Kestrel's bare 413.
/// </summary>
public static class RequestBody
{
    public static async Task<JsonDocument> ReadJsonAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) throw TooLarge(maxBytes);
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = null;

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and < int.MaxValue ? (int)request.ContentLength : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0) break;
            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes) throw TooLarge(maxBytes);
        }
        if (buffer.WrittenCount == 0) throw new GatewayError(ErrorCodes.InvalidParam, "request body is empty; expected a JSON object");
        try
        {
            var json = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 256 });
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                json.Dispose();
                throw new GatewayError(ErrorCodes.InvalidParam, "request body must be a JSON object");
            }
            return json;
        }
        catch (JsonException e)
        {
            throw new GatewayError(ErrorCodes.InvalidParam, $"request body is not valid JSON: {e.Message}");
        }
    }

    private static GatewayError TooLarge(long maxBytes) =>
        new(ErrorCodes.ExceedRequestLimit, $"request body exceeds the limit of {maxBytes} bytes");
}
