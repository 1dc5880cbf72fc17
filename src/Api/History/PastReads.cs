using System.Globalization;
using System.Text.Json;
using ActorCloud.Actors.Collections;
using ActorCloud.Api.Gateway;
using ActorCloud.Documents;
using ActorCloud.Persistence.Queries;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Api.History;

/// <summary>
/// Time travel for queries: <c>database.getDocument</c> and <c>database.calculateDocument</c> with <c>asOfSeq</c> (the
/// state after that event of the collection) or <c>asOfTime</c> (ISO 8601 or Unix milliseconds) are answered from the
/// collection as it was, rebuilt beside the live entity. Admin callers only (history includes other users' data).
/// </summary>
public sealed class PastReads(PastCollections past)
{
    /// <summary>The point a request asks about, or null for a live read.</summary>
    public static PointInHistory? PointOf(GatewayRequest request)
    {
        var seq = request.Element("asOfSeq");
        var time = request.Element("asOfTime");
        if (seq is null && time is null) return null;
        return new PointInHistory(
            seq is { } s ? (s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var n) && n >= 0 ? n : throw Invalid("asOfSeq must be a non-negative integer")) : null,
            time is { } t ? TimeOf(t) : null);
    }

    public async Task<T> AnswerAsync<T>(ActionContext context, ICollectionRead read, PointInHistory point) where T : ICollectionReply
    {
        if (context.User is not null) throw new GatewayError(ErrorCodes.DatabasePermissionDenied, "reads as of the past are for admin callers only");
        var then = await past.AtAsync(read.EntityId, point, context.Cancellation);
        return then.State.Answer(read) switch
        {
            T expected => expected,
            Failed failed => throw new GatewayError(failed.Code, failed.Message),
            var other => throw new InvalidOperationException($"{read.GetType().Name} was answered with {other.GetType().Name}"),
        };
    }

    public static DateTime TimeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime,
        JsonValueKind.String when DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) => t.UtcDateTime,
        _ => throw Invalid("asOfTime must be an ISO 8601 time or Unix milliseconds"),
    };

    private static GatewayError Invalid(string message) => new(ErrorCodes.InvalidParam, message);
}
