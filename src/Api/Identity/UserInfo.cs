using static ActorCloud.Actors.Users.UserMessages;

namespace ActorCloud.Api.Identity;

/// <summary><c>GET /auth/v1/user/me</c>'s answer; the web SDK takes a user as anonymous when <c>name</c> is "anonymous".</summary>
public static class UserInfo
{
    public static Dictionary<string, object?> Of(UserIdentity user, UserView view)
    {
        var providers = new List<Dictionary<string, object?>>();
        if (user.CustomUserId is { } custom)
            providers.Add(new() { ["id"] = "custom", ["provider_user_id"] = custom, ["name"] = custom });
        if (user.WeChatOpenid is { } openid)
            providers.Add(new() { ["id"] = "wechat", ["provider_user_id"] = openid, ["name"] = openid });
        return new()
        {
            ["sub"] = user.Uid,
            ["name"] = user.IsAnonymous ? "anonymous" : user.CustomUserId ?? user.Openid,
            ["picture"] = "",
            ["groups"] = Array.Empty<object>(),
            ["providers"] = providers,
            ["created_from"] = user.LoginType switch { Anonymous => "anonymous", CustomLogin => "custom", _ => "wechat" },
            ["created_at"] = view.CreatedAt?.ToString("O"),
            ["login_type"] = user.LoginType,
            ["openid"] = user.Openid,
        };
    }
}
