using System.Text.Json;
using ActorCloud.Documents;
using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Sorting;
using MongoDB.Bson;

namespace ActorCloud.Api.Watch;

/// <summary>
/// What an <c>INIT_WATCH</c> asks for. node-sdk sends a collection watch's <c>query</c> double-encoded (a JSON string
/// holding the canonical EJSON string of the <c>where()</c>), a document watch's as plain JSON <c>{"_id": …}</c>, and no
/// query at all for a whole collection; the web SDK sends one JSON string of its own encoding (<see cref="ClientJson"/>),
/// which is also what a plain object is read as. <c>orderBy</c> is <c>{field: direction}</c>; the SDK builds it from its order
/// list, so the direction is <c>"asc"</c>/<c>"desc"</c>, while 1/-1 is accepted too.
/// </summary>
public sealed record WatchQuery(string Collection, BsonDocument Query, BsonDocument Order, int? Limit)
{
    public static WatchQuery Parse(JsonElement msgData)
    {
        if (msgData.ValueKind != JsonValueKind.Object) throw Invalid("INIT_WATCH needs msgData with collName and query");
        var collection = msgData.TryGetProperty("collName", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()!
            : throw Invalid("collName is required");
        try
        {
            var order = ParseOrder(msgData.TryGetProperty("orderBy", out var orderBy) ? orderBy : default);
            SortSpec.Parse(order);
            return new WatchQuery(collection, ParseQuery(msgData.TryGetProperty("query", out var query) ? query : default), order,
                ParseLimit(msgData.TryGetProperty("limit", out var limit) ? limit : default));
        }
        catch (DocumentException e)
        {
            throw Invalid(e.Message);
        }
    }

    private static BsonDocument ParseQuery(JsonElement query) => query.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => [],
        JsonValueKind.Object => ClientJson.ReadDocument(query, "query"),
        JsonValueKind.String => Decoded(query.GetString()!),
        _ => throw Invalid("query must be a JSON string"),
    };

    private static BsonDocument Decoded(string text)
    {
        if (text.Length == 0) return [];
        JsonElement inner;
        try
        {
            using var json = JsonDocument.Parse(text);
            inner = json.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw Invalid($"query is not JSON: {e.Message}");
        }
        return inner.ValueKind == JsonValueKind.String
            ? inner.GetString() is { Length: > 0 } ejson ? Ejson.ParseDocument(ejson, "query") : []
            : ParseQuery(inner);
    }

    private static BsonDocument ParseOrder(JsonElement orderBy)
    {
        if (orderBy.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return [];
        if (orderBy.ValueKind != JsonValueKind.Object) throw Invalid("orderBy must be an object of field: direction");
        var order = new BsonDocument();
        foreach (var field in orderBy.EnumerateObject())
        {
            order[field.Name] = field.Value switch
            {
                { ValueKind: JsonValueKind.String } s when s.GetString() is "asc" or "ASC" => 1,
                { ValueKind: JsonValueKind.String } s when s.GetString() is "desc" or "DESC" => -1,
                { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var d) && d is 1 or -1 => d,
                _ => throw Invalid($"orderBy direction for '{field.Name}' must be \"asc\" or \"desc\""),
            };
        }
        return order;
    }

    private static int? ParseLimit(JsonElement limit) => limit.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.Number when limit.TryGetInt32(out var n) && n > 0 => n,
        JsonValueKind.Number when limit.TryGetInt32(out var n) && n == 0 => null,
        _ => throw Invalid("limit must be a positive integer"),
    };

    private static WatchError Invalid(string message) => new(WatchError.SysErr, $"invalid watch: {message}");
}
