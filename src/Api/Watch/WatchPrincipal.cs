using ActorCloud.Api.Identity;

namespace ActorCloud.Api.Watch;

/// <summary>Who a socket's watches in one environment act for: an admin (<paramref name="User"/> null) or an end user.</summary>
public sealed record WatchPrincipal(string Env, UserIdentity? User)
{
    /// <summary>Whether a watch opened by this principal may be resumed by <paramref name="other"/> (same env, same caller).</summary>
    public bool SameCaller(WatchPrincipal other) => Env == other.Env && User?.Uid == other.User?.Uid;
}
