using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Updates.Operations;

/// <summary>
/// <c>$push</c>'s <c>$sort</c>: 1/-1 orders whole elements; <c>{field: 1/-1, …}</c> orders by fields of
/// document elements, a missing field (or a non-document element) counting as null, as MongoDB does.
/// </summary>
internal sealed class PushSortOrder : IComparer<BsonValue>
{
    private const string Shape = "The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields";

    private readonly int _direction;
    private readonly (IReadOnlyList<string> Segments, int Direction)[]? _keys;

    private PushSortOrder(int direction, (IReadOnlyList<string>, int)[]? keys)
    {
        _direction = direction;
        _keys = keys;
    }

    public static PushSortOrder Parse(BsonValue spec)
    {
        if (BsonValueComparer.IsNumber(spec)) return new PushSortOrder(Direction(spec), null);
        if (spec is not BsonDocument pattern) throw DocumentException.InvalidParam(Shape);
        if (pattern.ElementCount == 0) throw DocumentException.InvalidParam("The $sort pattern is empty when it should be a set of fields.");
        var keys = pattern.Select(e => (FieldPath.Parse(e.Name).Segments, Direction(e.Value))).ToArray();
        return new PushSortOrder(1, keys);
    }

    public int Compare(BsonValue? x, BsonValue? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (_keys is null) return _direction * BsonValueComparer.Instance.Compare(x, y);
        foreach (var (segments, direction) in _keys)
        {
            var c = BsonValueComparer.Instance.Compare(Extract(x, segments), Extract(y, segments));
            if (c != 0) return direction * c;
        }
        return 0;
    }

    private static BsonValue Extract(BsonValue element, IReadOnlyList<string> segments)
    {
        var current = element;
        foreach (var segment in segments)
        {
            if (current is not BsonDocument document || !document.TryGetValue(segment, out var next)) return BsonNull.Value;
            current = next;
        }
        return current;
    }

    private static int Direction(BsonValue value)
    {
        if (UpdateOperands.IsNumberEqualTo(value, 1)) return 1;
        if (UpdateOperands.IsNumberEqualTo(value, -1)) return -1;
        throw DocumentException.InvalidParam("The $sort element value must be either 1 or -1");
    }
}
