using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// Reads and writes a dot path through sub-documents only, as <c>$unwind</c>, <c>$lookup</c>'s <c>as</c> and
/// <c>$geoNear</c>'s output fields do (arrays are not traversed). Writes copy the documents along the path and
/// share everything else with the input, which is never modified.
/// </summary>
internal static class DocumentPaths
{
    /// <summary>The value at the path, or null when it is missing or an array or scalar interrupts it.</summary>
    public static BsonValue? Get(BsonDocument document, string[] path)
    {
        BsonValue current = document;
        foreach (var segment in path)
        {
            if (current is not BsonDocument parent || !parent.TryGetValue(segment, out current!)) return null;
        }
        return current;
    }

    /// <summary>A copy with the path set; a non-document in the way is replaced by a new sub-document.</summary>
    public static BsonDocument With(BsonDocument document, string[] path, BsonValue value) => With(document, path, 0, value);

    /// <summary>A copy without the value at the path (the input itself when there is none).</summary>
    public static BsonDocument Without(BsonDocument document, string[] path) => Without(document, path, 0);

    private static BsonDocument With(BsonDocument document, string[] path, int index, BsonValue value)
    {
        var copy = new BsonDocument(document);
        var name = path[index];
        if (index == path.Length - 1)
        {
            copy[name] = value;
            return copy;
        }
        var child = document.TryGetValue(name, out var existing) && existing is BsonDocument sub ? sub : [];
        copy[name] = With(child, path, index + 1, value);
        return copy;
    }

    private static BsonDocument Without(BsonDocument document, string[] path, int index)
    {
        var name = path[index];
        if (!document.TryGetValue(name, out var existing)) return document;
        var copy = new BsonDocument(document);
        if (index == path.Length - 1) copy.Remove(name);
        else if (existing is BsonDocument sub) copy[name] = Without(sub, path, index + 1);
        else return document;
        return copy;
    }
}
