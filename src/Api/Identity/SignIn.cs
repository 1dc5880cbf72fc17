using ActorCloud.Actors.Serialization;
using ActorCloud.Actors.Users;
using ActorCloud.Api.Hosting;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Options;
using static ActorCloud.Actors.Users.UserMessages;

namespace ActorCloud.Api.Identity;

/// <summary>What a sign-in or refresh hands the client (the web SDK's Credentials).</summary>
public sealed record SessionCredentials(string AccessToken, string RefreshToken, int ExpiresIn, UserIdentity User);

/// <summary>A sign-in refusal, answered as OAuth's <c>{error, error_description}</c> or CloudBase's error envelope.</summary>
public sealed class SignInError(string error, string code, string description) : Exception(description)
{
    /// <summary>OAuth's error name (<c>invalid_grant</c>, <c>invalid_request</c>, <c>unauthenticated</c>).</summary>
    public string Error { get; } = error;

    /// <summary>CloudBase's code for the same refusal (<c>INVALID_REFRESH_TOKEN</c>, <c>CHECK_LOGIN_FAILED</c>, …).</summary>
    public string Code { get; } = code;
}

/// <summary>
/// The ways to become an end user: anonymously, with a custom-login ticket, and by refreshing a session; and
/// signing out. One identity system behind every door (<c>/auth/v1</c> now, the 1.x <c>auth.*</c> actions later).
/// </summary>
public sealed class SignIn(
    IRequiredActor<UserRegion> users, MessageRoundTrip roundTrip, AccessTokens tokens, EnvironmentSecurity security,
    IWeChatCodeResolver weChat, IOptions<ActorCloudOptions> options)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The web SDK refreshes 30 s before expiry, so a lifetime must comfortably exceed that.</summary>
    private static readonly TimeSpan ShortestAccessLifetime = TimeSpan.FromMinutes(1);

    public Task<SessionCredentials> AnonymouslyAsync(string env, CancellationToken cancellation) =>
        StartAsync(env, UserIds.NewAnonymous(), new UserProfile(Anonymous), tokens.DefaultLifetime,
            DateTime.UtcNow + options.Value.Tokens.RefreshLifetime, cancellation);

    public async Task<SessionCredentials> WithTicketAsync(string env, string ticket, CancellationToken cancellation)
    {
        var settings = await security.GetAsync(env, cancellation);
        var (verified, error) = await CustomTicket.VerifyAsync(env, ticket, settings.LoginKeys, DateTime.UtcNow);
        if (verified is null && error!.Contains("is not a custom-login key"))
            (verified, error) = await CustomTicket.VerifyAsync(env, ticket, (await security.GetAsync(env, cancellation, fresh: true)).LoginKeys, DateTime.UtcNow);
        if (verified is null) throw new SignInError("invalid_grant", "INVALID_TICKET", error!);
        var lifetime = verified.Refresh is { } refresh
            ? TimeSpan.FromTicks(Math.Clamp(refresh.Ticks, ShortestAccessLifetime.Ticks, tokens.DefaultLifetime.Ticks))
            : tokens.DefaultLifetime;
        var sessionEnd = verified.SessionEnd ?? DateTime.UtcNow + TimeSpan.FromDays(7);
        return await StartAsync(env, UserIds.ForCustomUser(env, verified.CustomUserId),
            new UserProfile(CustomLogin, CustomUserId: verified.CustomUserId), lifetime, sessionEnd, cancellation);
    }

    /// <summary>WeChat sign-in, step one: a <c>wx.login</c> code of the environment's mini program, vouched for as an openid.</summary>
    public async Task<string> ProviderTokenAsync(string env, string appId, string code, CancellationToken cancellation)
    {
        var configured = options.Value.WeChat.AppId;
        if (configured.Length > 0 && appId != configured)
            throw new SignInError("invalid_request", "INVALID_PARAM", $"provider '{appId}' is not this environment's mini program");
        var openid = await weChat.ResolveAsync(appId, code, cancellation)
                     ?? throw new SignInError("invalid_grant", "INVALID_PARAM", "WeChat did not accept the login code");
        return await tokens.IssueProviderTokenAsync(env, appId, openid, cancellation);
    }

    /// <summary>WeChat sign-in, step two: the provider token becomes a session of the openid's user.</summary>
    public async Task<SessionCredentials> WithProviderAsync(string env, string providerToken, CancellationToken cancellation)
    {
        var (appId, openid) = await tokens.ValidateProviderTokenAsync(env, providerToken, cancellation);
        return await StartAsync(env, UserIds.ForWeChatUser(env, appId, openid), new UserProfile(WeChat, WeChatOpenid: openid, AppId: appId),
            tokens.DefaultLifetime, DateTime.UtcNow + options.Value.Tokens.RefreshLifetime, cancellation);
    }

    public async Task<SessionCredentials> RefreshAsync(string env, string? refreshToken, CancellationToken cancellation)
    {
        var parsed = RefreshToken.Parse(refreshToken);
        if (parsed is null || parsed.Env != env)
            throw new SignInError("invalid_grant", UserState.InvalidRefreshToken, "the refresh token is not valid in this environment");
        var reply = await AskAsync(new ResumeSession(UserIds.EntityId(env, parsed.Uid), parsed.SessionId, parsed.SecretHash), cancellation);
        return reply switch
        {
            SessionGranted granted => await CredentialsAsync(env, granted, parsed, cancellation),
            UserFailed failed => throw new SignInError("invalid_grant", failed.Code, failed.Message),
            _ => throw new InvalidOperationException($"a refresh was answered with {reply.GetType().Name}"),
        };
    }

    /// <summary>Ends the session an access token belongs to: its refresh token stops working at once.</summary>
    public async Task SignOutAsync(UserIdentity user, CancellationToken cancellation) =>
        await AskAsync(new EndSession(UserIds.EntityId(user.Env, user.Uid), user.SessionId), cancellation);

    public async Task<UserView> UserAsync(UserIdentity user, CancellationToken cancellation) =>
        (UserView)await AskAsync(new GetUser(UserIds.EntityId(user.Env, user.Uid)), cancellation);

    private async Task<SessionCredentials> StartAsync(
        string env, string uid, UserProfile profile, TimeSpan accessLifetime, DateTime sessionEnd, CancellationToken cancellation)
    {
        var refresh = RefreshToken.New(env, uid);
        var session = new Session(refresh.SessionId, refresh.SecretHash, DateTime.UtcNow, sessionEnd, (int)accessLifetime.TotalSeconds);
        var granted = (SessionGranted)await AskAsync(new StartSession(UserIds.EntityId(env, uid), profile, session), cancellation);
        return await CredentialsAsync(env, granted, refresh, cancellation);
    }

    private async Task<SessionCredentials> CredentialsAsync(
        string env, SessionGranted granted, RefreshToken refresh, CancellationToken cancellation)
    {
        var profile = granted.User.Profile!;
        var user = new UserIdentity(env, granted.User.Uid, profile.LoginType, profile.WeChatOpenid ?? granted.User.Uid,
            profile.CustomUserId, granted.Session.Id, profile.AppId);
        var lifetime = TimeSpan.FromSeconds(granted.Session.AccessLifetimeSeconds);
        var untilEnd = granted.Session.ExpiresAt - DateTime.UtcNow;
        if (untilEnd < lifetime) lifetime = untilEnd > ShortestAccessLifetime ? untilEnd : ShortestAccessLifetime;
        var accessToken = await tokens.IssueAsync(user, lifetime, cancellation);
        return new SessionCredentials(accessToken, refresh.ToString(), (int)lifetime.TotalSeconds, user);
    }

    private async Task<object> AskAsync(IUserMessage message, CancellationToken cancellation) =>
        roundTrip.Apply(await users.ActorRef.Ask<object>(roundTrip.Apply(message), Timeout, cancellation));
}
