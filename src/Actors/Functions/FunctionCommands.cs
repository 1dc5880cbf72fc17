using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Sharding;

namespace ActorCloud.Actors.Functions;

/// <summary>A message for one function entity (<c>{env}/{name}</c>).</summary>
public interface IFunctionMessage : IEntityMessage;

public static class FunctionCommands
{
    /// <summary>
    /// Deploys code (with configuration). <paramref name="Create"/>: only if the function does not exist
    /// (CloudBase's CreateFunction answers <c>ResourceInUse.Function</c> otherwise); else it must exist.
    /// </summary>
    public sealed record DeployFunction(string EntityId, FunctionSpec Spec, bool Create, Caller By) : IFunctionMessage;

    /// <summary>Changes configuration only; the code stays that of the current version.</summary>
    public sealed record ConfigureFunction(string EntityId, FunctionSpec Spec, Caller By) : IFunctionMessage;

    /// <summary>Makes an earlier version current again, as a new version.</summary>
    public sealed record RollBackFunction(string EntityId, int Version, Caller By) : IFunctionMessage;

    public sealed record DeleteFunction(string EntityId, Caller By) : IFunctionMessage;

    public sealed record GetFunction(string EntityId) : IFunctionMessage;

    /// <summary>One call: handed to a new invocation actor, answered once with <see cref="FunctionReplies.Invoked"/>.</summary>
    public sealed record InvokeFunction(string EntityId, FunctionInvocation Invocation) : IFunctionMessage;
}

/// <summary>
/// What one call carries: its request id, the event as JSON text, who called (for history and for the
/// <c>WX_*</c>/<c>TCB_*</c> context the function sees) and the caller's identity as the function is to see it: the
/// WeChat openid (WeChat users only), the app id, and for an end user their login type and custom user id (the uid
/// is the caller's); and the call's session token, which its own requests carry back.
/// </summary>
public sealed record FunctionInvocation(
    string RequestId,
    string EventJson,
    Caller Caller,
    string? OpenId,
    string? AppId,
    string Source,
    string? LoginType = null,
    string? CustomUserId = null,
    string? SessionToken = null);
