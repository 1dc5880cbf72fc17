using ActorCloud.Actors.Callers;
using ActorCloud.Api.Gateway.Database;
using ActorCloud.Api.Identity;

namespace ActorCloud.Api.Gateway;

/// <summary>
/// One authenticated request on its way to an action handler. <paramref name="Origin"/> is the scheme and host the
/// client reached us by, from which the links handed back to it (upload and download URLs) are built. <paramref name="User"/>
/// is the end user of a client request (null for admin callers); <paramref name="Dialect"/> how the request's SDK spells documents.
/// <paramref name="ParsedResult"/>: the web SDK's <c>callFunction({parse: true})</c> (<c>&amp;parse=true</c>) takes the
/// function's result as JSON rather than as JSON text.
/// </summary>
public sealed record ActionContext(
    GatewayRequest Request, string Env, Caller Caller, string Origin, IHeaderDictionary Headers, CancellationToken Cancellation,
    UserIdentity? User = null, DatabaseDialect? Dialect = null, bool ParsedResult = false)
{
    public DatabaseDialect Dialect { get; } = Dialect ?? DatabaseDialect.Admin;
}
