using MongoDB.Bson;

namespace ActorCloud.Documents.Bson;

/// <summary>
/// Resolves the SDK's <c>{"$tcb_server_date":{"offset":n}}</c> marker into a concrete date at write time, so
/// the journaled event holds the fact (the time) and replay never consults a clock.
/// </summary>
public static class ServerDate
{
    public const string Marker = "$tcb_server_date";

    /// <summary>Returns the value with every marker replaced; the input is not modified.</summary>
    public static BsonValue Resolve(BsonValue value, DateTime now)
    {
        switch (value)
        {
            case BsonDocument doc when IsMarker(doc):
                return new BsonDateTime(now.AddMilliseconds(OffsetOf(doc)));
            case BsonDocument doc:
                BsonDocument? copy = null;
                for (var i = 0; i < doc.ElementCount; i++)
                {
                    var element = doc.GetElement(i);
                    var resolved = Resolve(element.Value, now);
                    if (ReferenceEquals(resolved, element.Value)) continue;
                    copy ??= new BsonDocument(doc.Elements);
                    copy[i] = resolved;
                }
                return copy ?? doc;
            case BsonArray array:
                BsonArray? arrayCopy = null;
                for (var i = 0; i < array.Count; i++)
                {
                    var resolved = Resolve(array[i], now);
                    if (ReferenceEquals(resolved, array[i])) continue;
                    arrayCopy ??= new BsonArray(array);
                    arrayCopy[i] = resolved;
                }
                return arrayCopy ?? array;
            default:
                return value;
        }
    }

    /// <summary>A whole document (a stored one, a query, an update) with its markers resolved; it cannot be one itself.</summary>
    public static BsonDocument Resolve(BsonDocument document, DateTime now) =>
        IsMarker(document)
            ? throw DocumentException.InvalidParam("serverDate() is a field value; a whole document cannot be one")
            : (BsonDocument)Resolve((BsonValue)document, now);

    private static bool IsMarker(BsonDocument doc) => doc.ElementCount == 1 && doc.GetElement(0).Name == Marker;

    private static double OffsetOf(BsonDocument marker)
    {
        var spec = marker[0];
        if (spec is not BsonDocument options) throw DocumentException.InvalidParam("serverDate expects an options object");
        if (!options.TryGetValue("offset", out var offset)) return 0;
        if (!BsonValueComparer.IsNumber(offset) || !double.IsFinite(offset.ToDouble()))
            throw DocumentException.InvalidParam("serverDate offset must be a finite number of milliseconds");
        return offset.ToDouble();
    }
}
