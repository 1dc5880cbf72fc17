using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ActorCloud.Api.Identity;

/// <summary>
/// End users' ids: 32 lowercase hex. An anonymous user gets a random one; a custom-login or WeChat user's is derived
/// from the environment and their external id, so the same person gets the same uid on every node without a lookup
/// table (and a uid reveals nothing about the external id).
/// </summary>
public static partial class UserIds
{
    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex UidPattern();

    /// <summary>The user ids <c>createTicket</c> accepts (node-sdk's own check).</summary>
    [GeneratedRegex(@"^[a-zA-Z0-9_\-#@~=*(){}\[\]:.,<>+]{4,32}$")]
    public static partial Regex CustomUserIdPattern();

    public static bool IsUid(string text) => UidPattern().IsMatch(text);

    public static string NewAnonymous() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string ForCustomUser(string env, string customUserId) => Derived("custom", env, customUserId);

    public static string ForWeChatUser(string env, string appId, string openid) => Derived("wechat", env, appId + "\n" + openid);

    public static string EntityId(string env, string uid) => $"{env}/{uid}";

    private static string Derived(string kind, string env, string external) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{env}\n{external}")))[..32];
}
