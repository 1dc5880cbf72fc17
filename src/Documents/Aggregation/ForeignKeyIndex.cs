using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// The foreign collection of a <c>localField</c>/<c>foreignField</c> <c>$lookup</c>, indexed by every value the
/// query <c>{foreignField: v}</c> would match: each value the path reaches through arrays of sub-documents, an array
/// both whole and element by element, and null where the path leads nowhere (equality with null matches missing).
/// Built once a run, so the join costs one pass over each side instead of one scan per input document.
/// </summary>
internal sealed class ForeignKeyIndex
{
    private readonly List<BsonDocument> _documents = [];
    private readonly Dictionary<BsonValue, List<int>> _positions = new(BsonValueComparer.Instance);

    public ForeignKeyIndex(IEnumerable<BsonDocument> documents, string[] path)
    {
        var keys = new HashSet<BsonValue>(BsonValueComparer.Instance);
        foreach (var document in documents)
        {
            keys.Clear();
            InDocument(document, path, 0, keys);
            foreach (var key in keys)
            {
                if (!_positions.TryGetValue(key, out var positions)) _positions[key] = positions = [];
                positions.Add(_documents.Count);
            }
            _documents.Add(document);
        }
    }

    /// <summary>The documents matching any of the keys, once each, in collection order.</summary>
    public List<BsonDocument> Matching(IEnumerable<BsonValue> keys)
    {
        var positions = new SortedSet<int>();
        foreach (var key in keys)
        {
            if (_positions.TryGetValue(key, out var found)) positions.UnionWith(found);
        }
        return [.. positions.Select(p => _documents[p])];
    }

    private static void InDocument(BsonDocument document, string[] path, int segment, HashSet<BsonValue> keys)
    {
        if (document.TryGetValue(path[segment], out var value)) Continue(value, path, segment + 1, keys);
        else keys.Add(BsonNull.Value);
    }

    private static void Continue(BsonValue value, string[] path, int next, HashSet<BsonValue> keys)
    {
        if (next == path.Length)
        {
            keys.Add(value);
            if (value is BsonArray array) keys.UnionWith(array);
            return;
        }
        switch (value)
        {
            case BsonDocument document:
                InDocument(document, path, next, keys);
                break;
            case BsonArray array:
                // A numeric segment addresses one element; sub-documents are still searched for a field of that name.
                var indexed = FieldPath.IsIndex(path[next], out var index) ? index : -1;
                if (indexed >= 0 && indexed < array.Count) Continue(array[indexed], path, next + 1, keys);
                for (var i = 0; i < array.Count; i++)
                {
                    if (i != indexed && array[i] is BsonDocument element) InDocument(element, path, next, keys);
                }
                break;
            default:
                keys.Add(BsonNull.Value);
                break;
        }
    }
}
