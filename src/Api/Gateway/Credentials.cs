using System.Text.Json;
using ActorCloud.Actors.Callers;
using ActorCloud.Api.Functions;
using ActorCloud.Api.Hosting;
using ActorCloud.Api.Identity;
using ActorCloud.Documents;

namespace ActorCloud.Api.Gateway;

/// <summary>
/// Who a request is from, and the one environment it may act in (null: every environment). <paramref name="User"/> is
/// set for an end user's access token: the request then has a client's rights, never an admin's.
/// </summary>
public sealed record Authenticated(Caller Caller, string? Env, UserIdentity? User = null);

/// <summary>
/// The credentials <c>/admin</c> accepts: <c>Authorization: Bearer</c> with the root admin key (every environment) or
/// a function's access key (<c>CLOUDBASE_APIKEY</c>, its own environment), and TC3-HMAC-SHA256 signatures made with a
/// function's SecretId/SecretKey — what <c>wx-server-sdk</c> always sends; and <c>Authorization: Bearer</c> with an end
/// user's access token (client rights). Bearer credentials are checked before the body is read; a signature covers
/// the body, so it is checked after.
/// </summary>
public sealed class Credentials(AdminKey adminKey, FunctionCredentials functions, AccessTokens tokens, InvocationTokens invocations)
{
    public static bool IsSignature(HttpRequest request) => Tc3Signature.SecretIdOf(request.Headers.Authorization.ToString()) is not null;

    public async ValueTask<Authenticated> FromBearerAsync(HttpRequest request, CancellationToken cancellation)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var key = header.AsMemory(7).Trim();
            if (AccessTokens.LooksLikeToken(key.Span))
            {
                var user = await tokens.ValidateAsync(key.ToString(), cancellation);
                return new Authenticated(user.Caller, user.Env, user);
            }
            if (adminKey.Matches(key.Span)) return new Authenticated(Caller.Admin(adminKey.KeyId), null);
            if (functions.VerifyAccessKey(key.ToString()) is { } scope) return ForFunction(scope);
        }
        throw new GatewayError(ErrorCodes.SignParamInvalid,
            header.Length == 0 ? "missing credential: send Authorization: Bearer <accessKey>" : "invalid credential");
    }

    public Authenticated FromSignature(HttpRequest request, JsonElement body)
    {
        var header = request.Headers.Authorization.ToString();
        var secretId = Tc3Signature.SecretIdOf(header) ?? throw new GatewayError(ErrorCodes.SignParamInvalid, "invalid credential");
        if (FunctionCredentials.Parse(secretId) is not { } scope)
            throw new GatewayError(ErrorCodes.SignParamInvalid, $"unknown SecretId '{secretId}'");
        if (!Tc3Signature.Verify(request, body, header, functions.SecretKeyOf(secretId)))
            throw new GatewayError(ErrorCodes.SignParamInvalid, "the request's signature does not match (or it has expired)");
        return ForFunction(scope);
    }

    /// <summary>
    /// A function's request names the invocation that made it (its <c>tcb_sessionToken</c>): when the token is genuine
    /// and of this very function, the caller becomes that invocation, with the user it was made for — still admin.
    /// </summary>
    public Authenticated WithInvocation(Authenticated authenticated, GatewayRequest request)
    {
        if (authenticated.Caller.Kind != Caller.FunctionKind) return authenticated;
        var claims = invocations.Verify(request.OptionalString("tcb_sessionToken"));
        if (claims is null || claims.Env != authenticated.Env || claims.Function != authenticated.Caller.Function) return authenticated;
        return authenticated with
        {
            Caller = authenticated.Caller with { Invocation = claims.Invocation, Uid = claims.Uid, Openid = claims.Openid },
        };
    }

    /// <summary>Refuses a credential scoped to another environment than the request's.</summary>
    public static void CheckScope(Authenticated authenticated, string env)
    {
        if (authenticated.Env is { } scoped && scoped != env)
            throw new GatewayError(authenticated.User is null ? ErrorCodes.SignParamInvalid : ErrorCodes.CheckLoginFailed,
                $"this credential is valid in environment '{scoped}' only");
    }

    private static Authenticated ForFunction((string Env, string Name) scope) =>
        new(new Caller(Caller.FunctionKind, Function: scope.Name), scope.Env);
}
