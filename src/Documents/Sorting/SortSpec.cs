using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Sorting;

/// <summary>
/// A parsed <c>order</c> document (<c>{progress: -1, title: 1}</c>; key order is significance order) that orders
/// documents as MongoDB does. Comparing through <see cref="IComparer{T}"/> recomputes keys on every call; bulk
/// sorting should go through <see cref="SortStable"/> or <see cref="TopN"/>, which compute each key once and
/// keep input order among ties.
/// </summary>
public sealed class SortSpec : IComparer<BsonDocument>
{
    private readonly (FieldPath Path, bool Descending)[] _fields;

    private SortSpec((FieldPath, bool)[] fields) => _fields = fields;

    public static SortSpec None { get; } = new([]);

    /// <summary>True when there is nothing to sort by (natural order is kept).</summary>
    public bool IsEmpty => _fields.Length == 0;

    /// <summary>The sort fields in significance order, with 1 for ascending and -1 for descending.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Fields => [.. _fields.Select(f => new KeyValuePair<string, int>(f.Path.Text, f.Descending ? -1 : 1))];

    /// <summary>Parses an order document; null or empty means no ordering. Directions must be 1 or -1.</summary>
    public static SortSpec Parse(BsonDocument? order)
    {
        if (order is null || order.ElementCount == 0) return None;
        var fields = new (FieldPath, bool)[order.ElementCount];
        for (var i = 0; i < order.ElementCount; i++)
        {
            var element = order.GetElement(i);
            var path = FieldPath.Parse(element.Name);
            if (path.Segments.Any(s => s[0] == '$'))
                throw DocumentException.InvalidParam($"sort field '{element.Name}' must not contain '$'-prefixed names");
            fields[i] = (path, IsDescending(element.Name, element.Value));
        }
        return new SortSpec(fields);
    }

    public int Compare(BsonDocument? x, BsonDocument? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return CompareKeys(KeyOf(x), KeyOf(y));
    }

    /// <summary>Sorts all documents; ties keep their input order.</summary>
    public static List<BsonDocument> SortStable(IEnumerable<BsonDocument> documents, SortSpec spec) =>
        SortedSelection.All(documents, spec);

    /// <summary>
    /// The first <paramref name="count"/> documents in sort order (pass skip + limit), found with a bounded heap
    /// in O(n log count) instead of sorting everything; ties keep their input order.
    /// </summary>
    public static List<BsonDocument> TopN(IEnumerable<BsonDocument> documents, SortSpec spec, int count) =>
        SortedSelection.First(documents, spec, count);

    /// <summary>The document's sort key: one value per sort field.</summary>
    internal BsonValue[] KeyOf(BsonDocument document)
    {
        var key = new BsonValue[_fields.Length];
        for (var i = 0; i < _fields.Length; i++)
        {
            var (path, descending) = _fields[i];
            key[i] = SortKeyExtractor.Extract(document, path.Segments, descending);
        }
        return key;
    }

    /// <summary>
    /// The document's key if it sorts strictly before <paramref name="bound"/>, else null. Fields are extracted one at
    /// a time, so most losers are rejected after the first field.
    /// </summary>
    internal BsonValue[]? KeyIfBefore(BsonDocument document, BsonValue[] bound)
    {
        var key = new BsonValue[_fields.Length];
        var decided = false;
        for (var i = 0; i < _fields.Length; i++)
        {
            var (path, descending) = _fields[i];
            key[i] = SortKeyExtractor.Extract(document, path.Segments, descending);
            if (decided) continue;
            var c = BsonValueComparer.Instance.Compare(key[i], bound[i]);
            if (descending) c = -c;
            if (c > 0) return null;
            decided = c < 0;
        }
        return decided ? key : null;
    }

    internal int CompareKeys(BsonValue[] x, BsonValue[] y)
    {
        for (var i = 0; i < _fields.Length; i++)
        {
            var c = BsonValueComparer.Instance.Compare(x[i], y[i]);
            if (c != 0) return _fields[i].Descending ? -c : c;
        }
        return 0;
    }

    private static bool IsDescending(string field, BsonValue direction)
    {
        if (direction.BsonType is BsonType.Int32 or BsonType.Int64 or BsonType.Double)
        {
            var d = direction.ToDouble();
            if (d == 1) return false;
            if (d == -1) return true;
        }
        throw DocumentException.InvalidParam($"sort direction for '{field}' must be 1 or -1, got {direction}");
    }
}
