using System.Security;

namespace ActorCloud.Api.Storage;

/// <summary>
/// COS's XML error body, which the SDKs parse after an upload (they ignore the HTTP status and destructure
/// <c>Code</c>, <c>Message</c>, <c>RequestId</c> and <c>TraceId</c>, so all four must be present) and which
/// downloads answer with too.
/// </summary>
public static class CosError
{
    public static async Task WriteAsync(HttpResponse response, int status, string code, string message, string resource, string requestId)
    {
        if (response.HasStarted) return;
        response.StatusCode = status;
        response.ContentType = "application/xml";
        response.Headers["x-cos-request-id"] = requestId;
        var xml = "<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n" +
                  $"  <Code>{SecurityElement.Escape(code)}</Code>\n" +
                  $"  <Message>{SecurityElement.Escape(message)}</Message>\n" +
                  $"  <Resource>{SecurityElement.Escape(resource)}</Resource>\n" +
                  $"  <RequestId>{requestId}</RequestId>\n" +
                  $"  <TraceId>{requestId}</TraceId>\n</Error>\n";
        if (!HttpMethods.IsHead(response.HttpContext.Request.Method)) await response.WriteAsync(xml);
    }
}
