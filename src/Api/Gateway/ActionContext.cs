using ActorCloud.Actors.Callers;

namespace ActorCloud.Api.Gateway;

/// <summary>One authenticated request on its way to an action handler.</summary>
public sealed record ActionContext(GatewayRequest Request, string Env, Caller Caller, CancellationToken Cancellation);
