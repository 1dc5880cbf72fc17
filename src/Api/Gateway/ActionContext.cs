using ActorCloud.Actors.Callers;

namespace ActorCloud.Api.Gateway;

/// <summary>
/// One authenticated request on its way to an action handler. <paramref name="Origin"/> is the scheme and host the
/// client reached us by, from which the links handed back to it (upload and download URLs) are built.
/// </summary>
public sealed record ActionContext(
    GatewayRequest Request, string Env, Caller Caller, string Origin, IHeaderDictionary Headers, CancellationToken Cancellation);
