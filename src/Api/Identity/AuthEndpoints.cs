using System.Text.Json;
using ActorCloud.Api.Gateway;
using ActorCloud.Api.Hosting;
using Microsoft.Extensions.Options;

namespace ActorCloud.Api.Identity;

/// <summary>
/// The sign-in door of the web SDK 2.x/3.x (cloudbase-web-protocol.md §2): <c>/auth/v1/*</c> at the root of the host,
/// OAuth-flavoured. The environment is the <c>client_id</c>. Bodies are JSON whatever their content type (browsers
/// send <c>text/plain</c>); errors are <c>{error, error_description}</c>, which the SDK reads whatever the status.
/// </summary>
public static class AuthEndpoints
{
    private const long MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth/v1");
        auth.MapPost("/signin/anonymously", (HttpContext http, SignIn signIn, SignInLimits limits, EnvironmentDirectory environments, IOptions<ActorCloudOptions> options) =>
            AnswerAsync(http, async (_, env) =>
            {
                if (!limits.TryAnonymous(http)) throw new SignInError("too_many_requests", SignInLimits.RefusalCode, SignInLimits.RefusalMessage);
                return Credentials(await signIn.AnonymouslyAsync(env, http.RequestAborted));
            }, environments, options));
        auth.MapPost("/signin/custom", (HttpContext http, SignIn signIn, EnvironmentDirectory environments, IOptions<ActorCloudOptions> options) =>
            AnswerAsync(http, async (body, env) => Credentials(await signIn.WithTicketAsync(env, Required(body, "ticket"), http.RequestAborted)),
                environments, options));
        auth.MapPost("/provider/token", (HttpContext http, SignIn signIn, EnvironmentDirectory environments, IOptions<ActorCloudOptions> options) =>
            AnswerAsync(http, async (body, env) => new Dictionary<string, object?>
            {
                ["provider_token"] = await signIn.ProviderTokenAsync(env, Required(body, "provider_id"), Required(body, "provider_code"), http.RequestAborted),
                ["expires_in"] = (int)AccessTokens.ProviderLifetime.TotalSeconds,
            }, environments, options));
        auth.MapPost("/signin/with/provider", (HttpContext http, SignIn signIn, EnvironmentDirectory environments, IOptions<ActorCloudOptions> options) =>
            AnswerAsync(http, async (body, env) => Credentials(await signIn.WithProviderAsync(env, Required(body, "provider_token"), http.RequestAborted)),
                environments, options));
        auth.MapPost("/token", (HttpContext http, SignIn signIn, EnvironmentDirectory environments, IOptions<ActorCloudOptions> options) =>
            AnswerAsync(http, async (body, env) =>
            {
                var grant = Optional(body, "grant_type") ?? "refresh_token";
                if (grant != "refresh_token")
                    throw new SignInError("unsupported_grant_type", "INVALID_PARAM", $"grant_type '{grant}' is not supported; use refresh_token");
                return Credentials(await signIn.RefreshAsync(env, Required(body, "refresh_token"), http.RequestAborted));
            }, environments, options));
        auth.MapPost("/revoke", (HttpContext http, SignIn signIn, AccessTokens tokens, EnvironmentDirectory environments, IOptions<ActorCloudOptions> options) =>
            AnswerAsync(http, async (body, _) =>
            {
                var user = await UserOf(tokens, Optional(body, "token") ?? BearerOf(http.Request), http.RequestAborted, allowExpired: true);
                await signIn.SignOutAsync(user, http.RequestAborted);
                return new Dictionary<string, object?>();
            }, environments, options));
        auth.MapGet("/user/me", (HttpContext http, SignIn signIn, AccessTokens tokens, EnvironmentDirectory environments, IOptions<ActorCloudOptions> options) =>
            AnswerAsync(http, async (_, _) =>
            {
                var user = await UserOf(tokens, BearerOf(http.Request), http.RequestAborted);
                return UserInfo.Of(user, await signIn.UserAsync(user, http.RequestAborted));
            }, environments, options, readBody: false));
        return app;
    }

    private static Dictionary<string, object?> Credentials(SessionCredentials credentials) => new()
    {
        ["token_type"] = "Bearer",
        ["access_token"] = credentials.AccessToken,
        ["refresh_token"] = credentials.RefreshToken,
        ["expires_in"] = credentials.ExpiresIn,
        ["scope"] = credentials.User.IsAnonymous ? "anonymous" : "user",
        ["sub"] = credentials.User.Uid,
        ["groups"] = Array.Empty<string>(),
    };

    private static async Task AnswerAsync(
        HttpContext http, Func<JsonElement, string, Task<object>> handle, EnvironmentDirectory environments,
        IOptions<ActorCloudOptions> options, bool readBody = true)
    {
        object answer;
        try
        {
            using var body = readBody && (http.Request.ContentLength ?? 1) > 0
                ? await RequestBody.ReadJsonAsync(http.Request, MaxBodyBytes, http.RequestAborted)
                : JsonDocument.Parse("{}");
            var env = http.Request.Query["client_id"].FirstOrDefault() ?? Optional(body.RootElement, "client_id") ?? options.Value.Env;
            if (!await environments.ExistsAsync(env, http.RequestAborted))
                throw new SignInError("invalid_client", "INVALIID_ENV", $"environment '{env}' does not exist");
            answer = await handle(body.RootElement, env);
        }
        catch (SignInError e)
        {
            http.Response.StatusCode = e.Error switch
            {
                "unauthenticated" => StatusCodes.Status401Unauthorized,
                "too_many_requests" => StatusCodes.Status429TooManyRequests,
                _ => StatusCodes.Status400BadRequest,
            };
            answer = Error(e.Error, e.Code, e.Message);
        }
        catch (GatewayError e)
        {
            var unauthenticated = e.Code is Documents.ErrorCodes.AccessTokenExpired or Documents.ErrorCodes.CheckLoginFailed;
            http.Response.StatusCode = unauthenticated ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest;
            answer = Error(unauthenticated ? "unauthenticated" : "invalid_request", e.Code, e.Message);
        }
        await http.Response.WriteAsJsonAsync(answer, http.RequestAborted);
    }

    private static Dictionary<string, object?> Error(string error, string code, string description) => new()
    {
        ["error"] = error,
        ["error_code"] = code,
        ["error_description"] = description,
    };

    private static async Task<UserIdentity> UserOf(AccessTokens tokens, string? token, CancellationToken cancellation, bool allowExpired = false) =>
        string.IsNullOrEmpty(token)
            ? throw new SignInError("unauthenticated", Documents.ErrorCodes.CheckLoginFailed, "no access token: send Authorization: Bearer <access_token>")
            : await tokens.ValidateAsync(token, cancellation, allowExpired);

    private static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    private static string? Optional(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string Required(JsonElement body, string name) =>
        Optional(body, name) is { Length: > 0 } value
            ? value
            : throw new SignInError("invalid_request", "INVALID_PARAM", $"'{name}' is required");
}
