using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

/// <summary><c>$mod: [divisor, remainder]</c>: numbers truncated toward zero, as MongoDB does; NaN and infinities never match.</summary>
internal sealed class ModMatcher(long divisor, long remainder) : ValueMatcher
{
    public override bool Matches(BsonValue value)
    {
        long number;
        switch (value.BsonType)
        {
            case BsonType.Int32: number = value.AsInt32; break;
            case BsonType.Int64: number = value.AsInt64; break;
            case BsonType.Double:
            case BsonType.Decimal128:
                var d = value.ToDouble();
                if (!double.IsFinite(d) || Math.Abs(d) >= 9.2e18) return false;
                number = (long)Math.Truncate(d);
                break;
            default: return false;
        }
        // long.MinValue % -1 overflows in .NET; mathematically it is 0.
        return (divisor == -1 ? 0 : number % divisor) == remainder;
    }
}
