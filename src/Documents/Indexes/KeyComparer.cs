using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Indexes;

/// <summary>
/// The order of an index's keys: field by field in MongoDB's value order, reversed for descending fields, so an
/// index scanned front to back yields documents in its declared sort order.
/// </summary>
public sealed class KeyComparer(IndexSpec spec) : IComparer<BsonValue[]>
{
    private readonly bool[] _descending = [.. spec.Fields.Select(f => f.Kind == IndexKind.Descending)];

    public int Compare(BsonValue[]? x, BsonValue[]? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        for (var i = 0; i < _descending.Length; i++)
        {
            var order = BsonValueComparer.Instance.Compare(x[i], y[i]);
            if (order != 0) return _descending[i] ? -order : order;
        }
        return 0;
    }

    /// <summary>Compares a key with a prefix of the index's fields, on the prefix's length only.</summary>
    public int ComparePrefix(BsonValue[] key, BsonValue[] prefix)
    {
        for (var i = 0; i < prefix.Length; i++)
        {
            var order = BsonValueComparer.Instance.Compare(key[i], prefix[i]);
            if (order != 0) return _descending[i] ? -order : order;
        }
        return 0;
    }

    /// <summary>Equal in MongoDB's comparison (1 and 1.0 are the same key), whatever the directions.</summary>
    public static bool Same(BsonValue[] x, BsonValue[] y) =>
        x.Length == y.Length && x.Zip(y).All(pair => BsonValueComparer.Instance.Compare(pair.First, pair.Second) == 0);
}
