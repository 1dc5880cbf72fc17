using ActorCloud.Actors.Sharding;

namespace ActorCloud.Actors.Users;

/// <summary>A message to one end user's entity; its id is <c>{env}/{uid}</c>.</summary>
public interface IUserMessage : IEntityMessage;

/// <summary>A fact in an end user's journal.</summary>
public interface IUserEvent
{
    DateTime At { get; }
}

/// <summary>
/// An end user and their sign-in sessions. A session is what a refresh token stands for: the journal keeps only
/// the SHA-256 of the token's secret, never the secret.
/// </summary>
public static class UserMessages
{
    public const string Anonymous = "ANONYMOUS";
    public const string CustomLogin = "CUSTOM";
    public const string WeChat = "WECHAT";

    /// <summary>Who a user is: their login type and, by type, their WeChat openid (and mini program) or custom user id.</summary>
    public sealed record UserProfile(string LoginType, string? WeChatOpenid = null, string? CustomUserId = null, string? AppId = null);

    /// <summary>A sign-in: registers the user on first sight and starts a session.</summary>
    public sealed record StartSession(string EntityId, UserProfile Profile, Session Session) : IUserMessage;

    /// <summary>A refresh: the session must exist, be unexpired and match the secret's hash.</summary>
    public sealed record ResumeSession(string EntityId, string SessionId, string SecretHash) : IUserMessage;

    public sealed record EndSession(string EntityId, string SessionId) : IUserMessage;

    public sealed record GetUser(string EntityId) : IUserMessage;

    /// <param name="AccessLifetimeSeconds">How long the access tokens of this session live.</param>
    public sealed record Session(string Id, string SecretHash, DateTime StartedAt, DateTime ExpiresAt, int AccessLifetimeSeconds);

    public sealed record UserView(string Uid, bool Exists, UserProfile? Profile, DateTime? CreatedAt);

    public sealed record SessionGranted(UserView User, Session Session);

    public sealed record SessionEnded(bool Existed);

    public sealed record UserFailed(string Code, string Message);

    public sealed record UserRegistered(DateTime At, string Uid, UserProfile Profile) : IUserEvent;

    public sealed record SessionStarted(DateTime At, Session Session) : IUserEvent;

    public sealed record SessionRevoked(DateTime At, string SessionId) : IUserEvent;
}
