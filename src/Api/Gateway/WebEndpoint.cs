using ActorCloud.Api.Gateway.Database;
using ActorCloud.Api.Hosting;
using ActorCloud.Api.Identity;
using ActorCloud.Documents;
using Microsoft.Extensions.Options;

namespace ActorCloud.Api.Gateway;

/// <summary>
/// <c>POST /web?env=…</c>: the door of the web SDK <c>@cloudbase/js-sdk</c> in browsers and mini programs
/// (cloudbase-web-protocol.md §1). Every call is an end user's, named by the <c>access_token</c> in the body, with a
/// mini program's rights; documents come in the client dialect (<see cref="DatabaseDialect.Client"/>). The 1.x SDK
/// also signs in here (<see cref="LegacyAuthActions"/>). Bodies are JSON whatever their content type.
/// </summary>
public static class WebEndpoint
{
    public static IEndpointRouteBuilder MapWebGateway(this IEndpointRouteBuilder app)
    {
        app.MapPost("/web", HandleAsync);
        return app;
    }

    private static Task HandleAsync(
        HttpContext http, ActionRouter router, LegacyAuthActions legacyAuth, AccessTokens tokens, EnvironmentDirectory environments,
        IOptions<ActorCloudOptions> options, ILogger<ActionRouter> log) =>
        GatewayPipeline.RunAsync(http, log, async cancellation =>
        {
            var request = await GatewayPipeline.ReadBodyAsync(http, options.Value.Limits.MaxBodyBytes, cancellation);
            var env = await GatewayPipeline.ResolveEnvAsync(http.Request, request.OptionalString("env"), environments, options.Value.Env, cancellation);
            var action = request.RequiredString("action");
            if (legacyAuth.Find(action) is { } signIn) return await signIn(new LegacyAuthActions.Call(http, request, env, cancellation));
            var handler = router.FindForWeb(action)
                          ?? throw (router.Find(action) is null ? AdminEndpoint.UnknownAction(action) : AdminEndpoint.AdminOnly(action));
            var user = await UserOfAsync(tokens, request, env, cancellation);
            return await handler(new ActionContext(request, env, user.Caller, GatewayPipeline.Origin(http.Request), http.Request.Headers,
                cancellation, user, DatabaseDialect.Client, ParsedResult: http.Request.Query["parse"] == "true"));
        });

    /// <summary>The signed-in user of a call; the web SDK sends the token in the body, never in a header.</summary>
    public static async Task<UserIdentity> UserOfAsync(AccessTokens tokens, GatewayRequest request, string env, CancellationToken cancellation)
    {
        var token = request.OptionalString("access_token");
        if (string.IsNullOrEmpty(token)) throw new GatewayError(ErrorCodes.CheckLoginFailed, "not signed in: this call needs an access_token");
        var user = await tokens.ValidateAsync(token, cancellation);
        return user.Env == env
            ? user
            : throw new GatewayError(ErrorCodes.CheckLoginFailed, $"this access token is valid in environment '{user.Env}' only");
    }
}
