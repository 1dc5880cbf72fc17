using System.Collections.Concurrent;
using System.Security.Claims;
using ActorCloud.Actors.Environments;
using ActorCloud.Api.Gateway;
using ActorCloud.Api.Hosting;
using ActorCloud.Documents;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static ActorCloud.Actors.Users.UserMessages;

namespace ActorCloud.Api.Identity;

/// <summary>
/// End users' access tokens: JWTs (HS256) signed with the environment's current token key, naming the user, their
/// login type, openid, session and environment (the audience). Verified statelessly on every request; an expired
/// token is <c>ACCESS_TOKEN_EXPIRED</c>, any other fault (forged, tampered, another environment's, a retired key's)
/// <c>CHECK_LOGIN_FAILED</c>. The same keys sign the short-lived provider tokens of WeChat sign-in; a <c>use</c> claim
/// keeps one kind from passing for the other.
/// </summary>
public sealed class AccessTokens(EnvironmentSecurity security, IOptions<ActorCloudOptions> options)
{
    public const string Issuer = "actorcloud";
    private const string UseClaim = "use";
    private const string AccessUse = "access";
    private const string ProviderUse = "provider";
    private const string LoginTypeClaim = "login_type";
    private const string OpenidClaim = "openid";
    private const string AppIdClaim = "appid";
    private const string CustomUserIdClaim = "custom_user_id";
    private const string SessionClaim = "sid";
    private const string ScopeClaim = "scope";

    /// <summary>How long a WeChat provider token lives (CloudBase answers <c>expires_in: 1200</c>).</summary>
    public static readonly TimeSpan ProviderLifetime = TimeSpan.FromMinutes(20);

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false, MapInboundClaims = false };

    /// <summary>Key objects by key id, reused so the library's per-key signature providers are too.</summary>
    private readonly ConcurrentDictionary<string, SymmetricSecurityKey> _keys = new(StringComparer.Ordinal);

    /// <summary>
    /// Tokens already verified, until they expire: a client sends the same token with every request, and a full
    /// validation costs more than the rest of a point read. A hit is re-checked against the key's retirement.
    /// </summary>
    private readonly ConcurrentDictionary<string, (UserIdentity User, string KeyId, DateTime Expires)> _verified = new(StringComparer.Ordinal);

    private const int MaxVerified = 100_000;

    public TimeSpan DefaultLifetime => options.Value.Tokens.AccessLifetime;

    /// <summary>A JWT's shape (three base64url parts), as opposed to an access key.</summary>
    public static bool LooksLikeToken(ReadOnlySpan<char> text) => text.StartsWith("eyJ") && text.Count('.') == 2;

    public Task<string> IssueAsync(UserIdentity user, TimeSpan lifetime, CancellationToken cancellation)
    {
        var claims = new Dictionary<string, object>
        {
            [LoginTypeClaim] = user.LoginType,
            [OpenidClaim] = user.Openid,
            [SessionClaim] = user.SessionId,
            [ScopeClaim] = user.IsAnonymous ? "anonymous" : "user",
        };
        if (user.CustomUserId is not null) claims[CustomUserIdClaim] = user.CustomUserId;
        if (user.AppId is not null) claims[AppIdClaim] = user.AppId;
        return SignAsync(user.Env, user.Uid, AccessUse, claims, lifetime, cancellation);
    }

    /// <param name="allowExpired">Sign-out accepts a token past its expiry: it only ends the session it names.</param>
    public async Task<UserIdentity> ValidateAsync(string token, CancellationToken cancellation, bool allowExpired = false)
    {
        if (_verified.TryGetValue(token, out var hit) && (allowExpired || hit.Expires > DateTime.UtcNow)
            && (await security.GetAsync(hit.User.Env, cancellation)).TokenKeys.Any(k => k.KeyId == hit.KeyId && k.RetiredAt is null))
            return hit.User;
        var (env, jwt) = await VerifyAsync(token, AccessUse, allowExpired, cancellation);
        if (!UserIds.IsUid(jwt.Subject) || !jwt.TryGetPayloadValue<string>(SessionClaim, out var session))
            throw Failed("the access token names no user");
        var user = User(env, jwt, session);
        if (_verified.Count >= MaxVerified) _verified.Clear();
        _verified[token] = (user, jwt.Kid, jwt.ValidTo);
        return user;
    }

    private static UserIdentity User(string env, JsonWebToken jwt, string session) =>
        new UserIdentity(
            env,
            jwt.Subject,
            jwt.TryGetPayloadValue<string>(LoginTypeClaim, out var loginType) ? loginType : Anonymous,
            jwt.TryGetPayloadValue<string>(OpenidClaim, out var openid) ? openid : jwt.Subject,
            jwt.TryGetPayloadValue<string>(CustomUserIdClaim, out var custom) ? custom : null,
            session,
            jwt.TryGetPayloadValue<string>(AppIdClaim, out var appId) ? appId : null);

    /// <summary>The first step of WeChat sign-in: a token that vouches for an openid of a mini program.</summary>
    public Task<string> IssueProviderTokenAsync(string env, string appId, string openid, CancellationToken cancellation) =>
        SignAsync(env, openid, ProviderUse, new Dictionary<string, object> { [AppIdClaim] = appId }, ProviderLifetime, cancellation);

    public async Task<(string AppId, string Openid)> ValidateProviderTokenAsync(string env, string token, CancellationToken cancellation)
    {
        var (tokenEnv, jwt) = await VerifyAsync(token, ProviderUse, false, cancellation);
        if (tokenEnv != env || !jwt.TryGetPayloadValue<string>(AppIdClaim, out var appId)) throw Failed("the provider token is not for this environment");
        return (appId, jwt.Subject);
    }

    private async Task<string> SignAsync(
        string env, string subject, string use, Dictionary<string, object> claims, TimeSpan lifetime, CancellationToken cancellation)
    {
        var key = await security.SigningKeyAsync(env, cancellation);
        var now = DateTime.UtcNow;
        claims[UseClaim] = use;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = env,
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(SecurityKeyOf(key), SecurityAlgorithms.HmacSha256),
        });
    }

    private async Task<(string Env, JsonWebToken Jwt)> VerifyAsync(string token, string use, bool allowExpired, CancellationToken cancellation)
    {
        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            throw Failed("the token is malformed");
        }
        if (!jwt.TryGetPayloadValue<string>("aud", out var env) || !EnvironmentDirectory.NamePattern().IsMatch(env))
            throw Failed("the token names no environment");
        var keys = await security.VerificationKeysAsync(env, jwt.Kid, cancellation);
        var result = await _handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = env,
            IssuerSigningKeys = keys.Select(SecurityKeyOf),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateLifetime = !allowExpired,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.Zero,
        });
        if (!result.IsValid)
            throw result.Exception is SecurityTokenExpiredException
                ? new GatewayError(ErrorCodes.AccessTokenExpired, "the access token has expired; refresh it")
                : Failed("the token is not valid (forged, altered, or signed with a retired key)");
        if (!jwt.TryGetPayloadValue<string>(UseClaim, out var actualUse) || actualUse != use) throw Failed($"this is not an {use} token");
        return (env, jwt);
    }

    private SymmetricSecurityKey SecurityKeyOf(EnvironmentMessages.TokenKey key) =>
        _keys.GetOrAdd(key.KeyId, _ => new SymmetricSecurityKey(key.Secret) { KeyId = key.KeyId });

    private static GatewayError Failed(string message) => new(ErrorCodes.CheckLoginFailed, message);
}
