using ActorCloud.Api.Identity;
using ActorCloud.Documents;
using Akka.Actor;

namespace ActorCloud.Api.Gateway;

/// <summary>
/// What every action door (<c>/admin</c>, <c>/web</c>) does around its handler: a request id, the CloudBase envelope
/// for the answer, and every refusal turned into <c>{code, message, requestId}</c> with HTTP 200 — the SDKs treat
/// any other status, or an empty body, as a network failure. Replies are written after the handler returns, and may
/// still read the request: a door keeps its parsed body alive to the end of the request (<see cref="ReadBodyAsync"/>).
/// </summary>
public static class GatewayPipeline
{
    public static async Task RunAsync(HttpContext http, ILogger log, Func<CancellationToken, Task<GatewayReply>> handle)
    {
        var requestId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var cancellation = http.RequestAborted;
        try
        {
            var reply = await handle(cancellation);
            await Envelope.WriteSuccessAsync(http.Response, requestId, reply, cancellation);
        }
        catch (GatewayError e)
        {
            await Envelope.WriteErrorAsync(http.Response, requestId, e.Code, e.Message, cancellation);
        }
        catch (DocumentException e)
        {
            await Envelope.WriteErrorAsync(http.Response, requestId, e.Code, e.Message, cancellation);
        }
        catch (SignInError e)
        {
            await Envelope.WriteErrorAsync(http.Response, requestId, e.Code, e.Message, cancellation);
        }
        catch (AskTimeoutException)
        {
            await Envelope.WriteErrorAsync(http.Response, requestId, ErrorCodes.SysErr, "the request timed out inside ActorCloud; retry it", cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception e)
        {
            log.LogError(e, "Request {RequestId} failed", requestId);
            await Envelope.WriteErrorAsync(http.Response, requestId, ErrorCodes.SysErr, "internal error; the request may be retried", cancellation);
        }
    }

    /// <summary>The JSON body, disposed with the request rather than with the handler, as replies may read it.</summary>
    public static async Task<GatewayRequest> ReadBodyAsync(HttpContext http, long maxBytes, CancellationToken cancellation)
    {
        var json = await RequestBody.ReadJsonAsync(http.Request, maxBytes, cancellation);
        http.Response.RegisterForDispose(json);
        return new GatewayRequest(json.RootElement);
    }

    /// <summary>The request's environment: <c>?env=</c>, else the body's own field, else the host's default; it must exist.</summary>
    public static async Task<string> ResolveEnvAsync(
        HttpRequest http, string? bodyEnv, EnvironmentDirectory environments, string defaultEnv, CancellationToken cancellation)
    {
        string? env = http.Query["env"];
        if (string.IsNullOrEmpty(env)) env = bodyEnv;
        if (string.IsNullOrEmpty(env)) env = defaultEnv;
        return await environments.ExistsAsync(env, cancellation)
            ? env
            : throw new GatewayError(ErrorCodes.InvalidEnv, $"environment '{env}' does not exist");
    }

    public static string Origin(HttpRequest request) => $"{request.Scheme}://{request.Host}";
}
