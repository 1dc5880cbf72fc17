using ActorCloud.Actors.Callers;
using static ActorCloud.Actors.Users.UserMessages;

namespace ActorCloud.Api.Identity;

/// <summary>
/// The end user a request acts for, as their access token names them. <paramref name="Openid"/> is what ActorCloud
/// writes in <c>_openid</c> and what rules see as <c>auth.openid</c>: the WeChat openid for WeChat users, the uid for
/// anonymous and custom-login users (DESIGN, users and identity). <paramref name="AppId"/> is a WeChat user's mini program.
/// </summary>
public sealed record UserIdentity(
    string Env, string Uid, string LoginType, string Openid, string? CustomUserId, string SessionId, string? AppId = null)
{
    public Caller Caller => new(Caller.UserKind, Uid: Uid, Openid: Openid);

    public bool IsAnonymous => LoginType == Anonymous;

    /// <summary><c>auth.loginType</c> in security rules.</summary>
    public string RuleLoginType => LoginType == WeChat ? "WECHAT_MINIPROGRAM" : LoginType;

    /// <summary>The WeChat openid, which only WeChat users have (functions see it as <c>WX_OPENID</c>).</summary>
    public string? WeChatOpenid => LoginType == WeChat ? Openid : null;
}
