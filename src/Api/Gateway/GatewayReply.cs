using System.Text.Json;

namespace ActorCloud.Api.Gateway;

/// <summary>
/// A successful answer: the members of <c>data</c> (none for actions answering only a requestId) and any
/// members CloudBase puts beside it at the top level (e.g. <c>limit</c>/<c>offset</c> of a query).
/// </summary>
public sealed record GatewayReply(Action<Utf8JsonWriter>? Data, Action<Utf8JsonWriter>? TopLevel = null)
{
    public static readonly GatewayReply Empty = new(Data: null);
}
