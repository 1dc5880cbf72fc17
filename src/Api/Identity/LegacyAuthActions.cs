using ActorCloud.Api.Gateway;

namespace ActorCloud.Api.Identity;

/// <summary>
/// The 1.x web SDK's sign-in, done with actions on <c>/web</c> rather than <c>/auth/v1</c> (cloudbase-web-protocol.md
/// §3): the same <see cref="SignIn"/> behind another door, so a 1.x session is an ordinary session with the same
/// tokens. Answers put their fields at the top level, as CloudBase does for these actions; refusals carry the codes
/// the 1.x SDK acts on (<c>INVALID_REFRESH_TOKEN</c>, <c>REFRESH_TOKEN_EXPIRED</c>: the login state is dropped).
/// </summary>
public sealed class LegacyAuthActions(SignIn signIn, SignInLimits limits, AccessTokens tokens)
{
    public sealed record Call(HttpContext Http, GatewayRequest Request, string Env, CancellationToken Cancellation);

    public Func<Call, Task<GatewayReply>>? Find(string action) => action switch
    {
        "auth.signInAnonymously" => AnonymouslyAsync,
        "auth.signInWithTicket" or "auth.linkAndRetrieveDataWithTicket" => WithTicketAsync,
        "auth.fetchAccessTokenWithRefreshToken" => RefreshAsync,
        "auth.getUserInfo" => UserInfoAsync,
        "auth.logout" => LogoutAsync,
        _ => null,
    };

    /// <summary>
    /// A 1.x client asks again with its stored uuid and refresh token when its refresh token failed; a uid is no secret
    /// (it is an anonymous user's <c>_openid</c>), so only a live refresh token resumes that user, else a new one begins.
    /// </summary>
    private async Task<GatewayReply> AnonymouslyAsync(Call call)
    {
        if (call.Request.OptionalString("refresh_token") is { Length: > 0 } stored
            && await TryResumeAsync(call, stored) is { User.IsAnonymous: true } resumed)
            return SignedIn(resumed, withUuid: true);
        if (!limits.TryAnonymous(call.Http)) throw new GatewayError(SignInLimits.RefusalCode, SignInLimits.RefusalMessage);
        return SignedIn(await signIn.AnonymouslyAsync(call.Env, call.Cancellation), withUuid: true);
    }

    /// <summary>Linking keeps nothing of the anonymous user: the ticket's user is signed in, as a fresh sign-in would.</summary>
    private async Task<GatewayReply> WithTicketAsync(Call call) =>
        SignedIn(await signIn.WithTicketAsync(call.Env, call.Request.RequiredString("ticket"), call.Cancellation), withUuid: false);

    private async Task<GatewayReply> RefreshAsync(Call call)
    {
        var credentials = await signIn.RefreshAsync(call.Env, call.Request.RequiredString("refresh_token"), call.Cancellation);
        return new GatewayReply(null, w =>
        {
            w.WriteString("access_token", credentials.AccessToken);
            w.WriteNumber("access_token_expire", credentials.ExpiresIn * 1000L);
        });
    }

    private async Task<GatewayReply> UserInfoAsync(Call call)
    {
        var user = await WebEndpoint.UserOfAsync(tokens, call.Request, call.Env, call.Cancellation);
        return new GatewayReply(w =>
        {
            w.WriteString("uid", user.Uid);
            w.WriteString("loginType", user.LoginType);
            w.WriteString("openid", user.Openid);
            w.WriteString("customUserId", user.CustomUserId);
            w.WriteString("appid", user.AppId);
            w.WriteString("nickName", "");
            w.WriteNumber("gender", 0);
            w.WriteString("avatarUrl", "");
        });
    }

    /// <summary>Ends the session of the refresh token; an unknown or already ended one is signed out already.</summary>
    private async Task<GatewayReply> LogoutAsync(Call call)
    {
        if (call.Request.OptionalString("refresh_token") is { Length: > 0 } refreshToken
            && await TryResumeAsync(call, refreshToken) is { } session)
            await signIn.SignOutAsync(session.User, call.Cancellation);
        return GatewayReply.Empty;
    }

    private async Task<SessionCredentials?> TryResumeAsync(Call call, string refreshToken)
    {
        try
        {
            return await signIn.RefreshAsync(call.Env, refreshToken, call.Cancellation);
        }
        catch (SignInError)
        {
            return null;
        }
    }

    private static GatewayReply SignedIn(SessionCredentials credentials, bool withUuid) => new(null, w =>
    {
        if (withUuid) w.WriteString("uuid", credentials.User.Uid);
        w.WriteString("refresh_token", credentials.RefreshToken);
    });
}
