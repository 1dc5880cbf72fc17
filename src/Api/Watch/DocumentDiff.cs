using MongoDB.Bson;

namespace ActorCloud.Api.Watch;

/// <summary>
/// What an update did to a document, in the shape of a realtime <c>update</c> event: the dotted paths that got a new
/// value (<c>UpdatedFields</c>) and those that disappeared (<c>removedFields</c>). Sub-documents are compared field by
/// field; an array or a value whose type changed counts as one new value at its path, which is what the client's
/// <c>lodash.set</c> patching needs.
/// </summary>
public sealed record DocumentDiff(IReadOnlyList<KeyValuePair<string, BsonValue>> Updated, IReadOnlyList<string> Removed)
{
    public bool IsEmpty => Updated.Count == 0 && Removed.Count == 0;

    public static DocumentDiff Between(BsonDocument before, BsonDocument after)
    {
        var updated = new List<KeyValuePair<string, BsonValue>>();
        var removed = new List<string>();
        Walk("", before, after, updated, removed);
        return new DocumentDiff(updated, removed);
    }

    private static void Walk(string prefix, BsonDocument before, BsonDocument after,
        List<KeyValuePair<string, BsonValue>> updated, List<string> removed)
    {
        foreach (var element in after)
        {
            if (prefix.Length == 0 && element.Name == "_id") continue;
            var path = prefix + element.Name;
            if (!before.TryGetValue(element.Name, out var old))
                updated.Add(new(path, element.Value));
            else if (old is BsonDocument oldDocument && element.Value is BsonDocument newDocument)
                Walk(path + ".", oldDocument, newDocument, updated, removed);
            else if (!Same(old, element.Value))
                updated.Add(new(path, element.Value));
        }
        foreach (var element in before)
        {
            if (!after.Contains(element.Name)) removed.Add(prefix + element.Name);
        }
    }

    /// <summary>Equal values of the same BSON type (1 and 1.0 differ: the client would see the type change).</summary>
    private static bool Same(BsonValue a, BsonValue b) => a.BsonType == b.BsonType && a.Equals(b);
}
