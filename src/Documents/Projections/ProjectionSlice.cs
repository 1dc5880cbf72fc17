using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Projections;

/// <summary>
/// Projection <c>$slice</c>: <c>n</c> keeps the first n elements (the last |n| when negative); <c>[skip, n]</c>
/// skips from the start (from the end when negative) and keeps at most n. Non-arrays pass through unchanged.
/// </summary>
internal sealed class ProjectionSlice
{
    private readonly long? _skip;
    private readonly long _limit;

    private ProjectionSlice(long? skip, long limit)
    {
        _skip = skip;
        _limit = limit;
    }

    public static ProjectionSlice Parse(BsonValue operand)
    {
        if (BsonValueComparer.IsNumber(operand)) return new ProjectionSlice(null, ToInt(operand));
        if (operand is not BsonArray array) throw DocumentException.InvalidParam("$slice only supports numbers and [skip, limit] arrays");
        if (array.Count != 2) throw DocumentException.InvalidParam("$slice array argument should be of form [skip, limit]");
        if (!BsonValueComparer.IsNumber(array[0]))
            throw DocumentException.InvalidParam($"$slice expects the skip argument to be a number, got {array[0].BsonType}");
        if (!BsonValueComparer.IsNumber(array[1]))
            throw DocumentException.InvalidParam($"$slice expects the limit argument to be a number, got {array[1].BsonType}");
        var limit = ToInt(array[1]);
        if (limit <= 0) throw DocumentException.InvalidParam($"$slice limit must be positive, got {limit}");
        return new ProjectionSlice(ToInt(array[0]), limit);
    }

    public BsonValue Apply(BsonValue value)
    {
        if (value is not BsonArray array) return value;
        long count = array.Count;
        long start, take;
        if (_skip is { } skip)
        {
            start = skip >= 0 ? Math.Min(skip, count) : Math.Max(0, count + skip);
            take = Math.Min(_limit, count - start);
        }
        else if (_limit >= 0)
        {
            start = 0;
            take = Math.Min(_limit, count);
        }
        else
        {
            start = Math.Max(0, count + _limit);
            take = count - start;
        }
        return new BsonArray(array.Skip((int)start).Take((int)take));
    }

    /// <summary>MongoDB reads these arguments as int32 (truncating doubles), so huge values clamp.</summary>
    private static long ToInt(BsonValue number)
    {
        var d = number.BsonType == BsonType.Decimal128 ? (double)Decimal128.ToDouble(number.AsDecimal128) : number.ToDouble();
        if (double.IsNaN(d)) return 0;
        return (long)Math.Clamp(Math.Truncate(d), int.MinValue, int.MaxValue);
    }
}
