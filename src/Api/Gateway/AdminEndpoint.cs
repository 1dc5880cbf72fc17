using System.Text.Json;
using ActorCloud.Actors.Callers;
using ActorCloud.Api.Hosting;
using ActorCloud.Documents;
using Akka.Actor;
using Microsoft.Extensions.Options;

namespace ActorCloud.Api.Gateway;

/// <summary>
/// <c>POST /admin?env=…</c>: the server protocol of <c>@cloudbase/node-sdk</c> and <c>wx-server-sdk</c>. One JSON
/// body names the action; every answer is HTTP 200 with <c>{requestId, data}</c> or <c>{code, message, requestId}</c>.
/// </summary>
public static class AdminEndpoint
{
    public static IEndpointRouteBuilder MapAdminGateway(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin", HandleAsync);
        return app;
    }

    private static async Task HandleAsync(
        HttpContext http, ActionRouter router, Credentials credentials, EnvironmentDirectory environments,
        IOptions<ActorCloudOptions> options, ILogger<ActionRouter> log)
    {
        var requestId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var cancellation = http.RequestAborted;
        try
        {
            var signed = Credentials.IsSignature(http.Request);
            var bearer = signed ? null : await credentials.FromBearerAsync(http.Request, cancellation);
            using var json = await RequestBody.ReadJsonAsync(http.Request, options.Value.Limits.MaxBodyBytes, cancellation);
            var request = new GatewayRequest(json.RootElement);
            var authenticated = credentials.WithInvocation(bearer ?? credentials.FromSignature(http.Request, json.RootElement), request);
            var caller = authenticated.Caller;
            var env = await ResolveEnvAsync(http.Request, request, environments, options.Value.Env, cancellation);
            Credentials.CheckScope(authenticated, env);
            var action = request.OptionalString("action") ?? throw new GatewayError(ErrorCodes.InvalidParam, "action is required");
            var handler = router.Find(action) ?? throw UnknownAction(action);
            if (authenticated.User is not null && !ActionRouter.ClientActions.Contains(action))
                throw new GatewayError(ErrorCodes.DatabasePermissionDenied, $"{action} is for admin callers only, not end users");
            if (request.OptionalString("transactionId") is { Length: > 0 })
                throw new GatewayError(ErrorCodes.InvalidAction, "transactions are not supported by this ActorCloud release yet");
            var reply = await handler(new ActionContext(
                request, env, caller, Origin(http.Request), http.Request.Headers, cancellation, authenticated.User));
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

    public static string Origin(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    private static async Task<string> ResolveEnvAsync(
        HttpRequest http, GatewayRequest request, EnvironmentDirectory environments, string defaultEnv, CancellationToken cancellation)
    {
        string? env = http.Query["env"];
        if (string.IsNullOrEmpty(env)) env = request.OptionalString("envName");
        if (string.IsNullOrEmpty(env)) env = defaultEnv;
        return await environments.ExistsAsync(env, cancellation)
            ? env
            : throw new GatewayError(ErrorCodes.InvalidEnv, $"environment '{env}' does not exist");
    }

    private static GatewayError UnknownAction(string action) => ActionRouter.NotYetSupported.Contains(action)
        ? new GatewayError(ErrorCodes.InvalidAction, $"{action} is not supported by this ActorCloud release yet")
        : new GatewayError(ErrorCodes.InvalidAction, $"unknown action '{action}'");
}
