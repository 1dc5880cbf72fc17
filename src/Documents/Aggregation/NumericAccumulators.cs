using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Expressions;
using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// <c>$sum</c>: numbers only (anything else, arrays included, is skipped), widening int → long → double as the
/// expression <c>$add</c> does; 0 when nothing was numeric.
/// </summary>
internal sealed class SumAccumulator : Accumulator
{
    private BsonValue _total = new BsonInt32(0);

    public override long Add(BsonValue? value)
    {
        if (value is not null && BsonValueComparer.IsNumber(value)) _total = ArithmeticOperators.Add([_total, value]);
        return 0;
    }

    public override BsonValue Result() => _total;
}

/// <summary><c>$avg</c>: the mean of the numeric values, a double (a decimal if any was decimal); null without any.</summary>
internal sealed class AvgAccumulator : Accumulator
{
    private BsonValue _total = new BsonInt32(0);
    private long _count;

    public override long Add(BsonValue? value)
    {
        if (value is null || !BsonValueComparer.IsNumber(value)) return 0;
        _total = ArithmeticOperators.Add([_total, value]);
        _count++;
        return 0;
    }

    public override BsonValue Result()
    {
        if (_count == 0) return BsonNull.Value;
        return _total.BsonType == BsonType.Decimal128
            ? ArithmeticOperators.DecimalResult(() => ArithmeticOperators.ToDecimal(_total) / _count)
            : new BsonDouble(_total.ToDouble() / _count);
    }
}

/// <summary>
/// <c>$stdDevPop</c> / <c>$stdDevSamp</c> over the numeric values, by Welford's running update (one pass, no
/// stored values, stable where the naive sum of squares cancels); null for too few values.
/// </summary>
internal sealed class StdDevAccumulator(bool sample) : Accumulator
{
    private long _count;
    private double _mean;
    private double _squaredDeviations;

    public override long Add(BsonValue? value)
    {
        if (value is null || !BsonValueComparer.IsNumber(value)) return 0;
        var x = value.BsonType == BsonType.Decimal128 ? (double)value.AsDecimal128 : value.ToDouble();
        _count++;
        var delta = x - _mean;
        _mean += delta / _count;
        _squaredDeviations += delta * (x - _mean);
        return 0;
    }

    public override BsonValue Result()
    {
        var divisor = sample ? _count - 1 : _count;
        return divisor <= 0 ? BsonNull.Value : new BsonDouble(Math.Sqrt(_squaredDeviations / divisor));
    }
}
