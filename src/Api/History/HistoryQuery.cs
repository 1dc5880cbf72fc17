using System.Globalization;
using ActorCloud.Actors.Collections;
using ActorCloud.Api.Gateway;
using ActorCloud.Documents;
using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Api.History;

/// <summary>
/// What part of history to read: a collection (or the whole environment), one document, a sequence range
/// (<c>from</c>/<c>to</c>, or journal offsets for the environment), a time range (<c>since</c>/<c>until</c>, ISO 8601 or
/// Unix milliseconds), at most <c>limit</c> events, and whether to keep following new events.
/// </summary>
public sealed record HistoryQuery(
    string? Collection, BsonValue? DocumentId, long From, long? To, DateTime? Since, DateTime? Until, long? Limit, bool Follow)
{
    public static HistoryQuery Parse(IQueryCollection query)
    {
        var collection = query["collection"].FirstOrDefault();
        var doc = query["doc"].FirstOrDefault();
        if (doc is not null && collection is null) throw Invalid("doc needs collection");
        var follow = query["follow"].FirstOrDefault() is "true" or "1";
        if (follow && collection is null) throw Invalid("follow is available for a collection's history");
        return new HistoryQuery(
            collection,
            doc is null ? null : ParseId(doc),
            Number(query, "from") ?? 1,
            Number(query, "to"),
            Time(query, "since"),
            Time(query, "until"),
            Number(query, "limit"),
            follow);
    }

    /// <summary>Whether an event belongs in the answer (the range of sequence numbers is already the journal's).</summary>
    public bool Keeps(object payload)
    {
        if (payload is not ICollectionEvent e) return DocumentId is null && Since is null && Until is null;
        if (Since is { } since && e.At < since) return false;
        if (Until is { } until && e.At > until) return false;
        return DocumentId is null || HistoryJson.IdsOf(e).Contains(DocumentId, BsonValueComparer.Instance);
    }

    /// <summary>A document id as the query string gives it: an EJSON value (<c>{"$oid":…}</c>, a number) or else a string.</summary>
    private static BsonValue ParseId(string text)
    {
        if (text.StartsWith('{') || (text.Length > 0 && (char.IsDigit(text[0]) || text[0] == '-')))
        {
            try
            {
                return BsonDocument.Parse($$"""{"v":{{text}}}""")["v"];
            }
            catch (Exception e) when (e is FormatException or BsonException)
            {
                return new BsonString(text);
            }
        }
        return new BsonString(text);
    }

    private static long? Number(IQueryCollection query, string name)
    {
        var text = query[name].FirstOrDefault();
        if (text is null) return null;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw Invalid($"{name} must be a non-negative integer");
    }

    private static DateTime? Time(IQueryCollection query, string name)
    {
        var text = query[name].FirstOrDefault();
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)) return DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime
            : throw Invalid($"{name} must be an ISO 8601 time or Unix milliseconds");
    }

    private static GatewayError Invalid(string message) => new(ErrorCodes.InvalidParam, message);
}
