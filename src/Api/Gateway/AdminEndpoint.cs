using ActorCloud.Api.Hosting;
using ActorCloud.Documents;
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

    private static Task HandleAsync(
        HttpContext http, ActionRouter router, Credentials credentials, EnvironmentDirectory environments,
        IOptions<ActorCloudOptions> options, ILogger<ActionRouter> log) =>
        GatewayPipeline.RunAsync(http, log, async cancellation =>
        {
            var signed = Credentials.IsSignature(http.Request);
            var bearer = signed ? null : await credentials.FromBearerAsync(http.Request, cancellation);
            var request = await GatewayPipeline.ReadBodyAsync(http, options.Value.Limits.MaxBodyBytes, cancellation);
            var authenticated = credentials.WithInvocation(bearer ?? credentials.FromSignature(http.Request, request.Body), request);
            var env = await GatewayPipeline.ResolveEnvAsync(http.Request, request.OptionalString("envName"), environments, options.Value.Env, cancellation);
            Credentials.CheckScope(authenticated, env);
            var action = request.OptionalString("action") ?? throw new GatewayError(ErrorCodes.InvalidParam, "action is required");
            var handler = router.Find(action) ?? throw UnknownAction(action);
            if (authenticated.User is not null && !ActionRouter.ClientActions.Contains(action))
                throw AdminOnly(action);
            if (request.OptionalString("transactionId") is { Length: > 0 } && !TransactionScoped.Contains(action))
                throw new GatewayError(ErrorCodes.InvalidParam, $"{action} cannot run inside a transaction");
            return await handler(new ActionContext(request, env, authenticated.Caller, GatewayPipeline.Origin(http.Request),
                http.Request.Headers, cancellation, authenticated.User));
        });

    /// <summary>What may run inside a transaction: CloudBase's document operations (here also with where()).</summary>
    private static readonly IReadOnlySet<string> TransactionScoped = new HashSet<string>(StringComparer.Ordinal)
    {
        "database.getDocument", "database.insertDocument", "database.modifyDocument", "database.removeDocument",
        "database.commitTransaction", "database.abortTransaction",
    };

    public static GatewayError AdminOnly(string action) =>
        new(ErrorCodes.DatabasePermissionDenied, $"{action} is for admin callers only, not end users");

    public static GatewayError UnknownAction(string action) => new(ErrorCodes.InvalidAction, $"unknown action '{action}'");
}
