using MongoDB.Bson;

namespace ActorCloud.Documents.Updates;

/// <summary>
/// <c>$inc</c>/<c>$mul</c> arithmetic with MongoDB's type promotion: the result takes the wider of the two types
/// (int32 &lt; int64 &lt; double &lt; decimal), an int32 result that overflows becomes int64, and an int64 overflow
/// is an error rather than a silent wrap.
/// </summary>
internal static class NumericArithmetic
{
    private enum Width
    {
        Int32,
        Int64,
        Double,
        Decimal,
    }

    /// <summary>The sum, or null when it cannot be represented.</summary>
    public static BsonValue? Add(BsonValue a, BsonValue b) => Combine(a, b, multiply: false);

    /// <summary>The product, or null when it cannot be represented.</summary>
    public static BsonValue? Multiply(BsonValue a, BsonValue b) => Combine(a, b, multiply: true);

    /// <summary><c>$mul</c> on a missing field stores zero of the operand's type.</summary>
    public static BsonValue ZeroLike(BsonValue operand) => WidthOf(operand) switch
    {
        Width.Int32 => new BsonInt32(0),
        Width.Int64 => new BsonInt64(0),
        Width.Double => new BsonDouble(0),
        _ => new BsonDecimal128(Decimal128.Zero),
    };

    private static Width WidthOf(BsonValue v) => v.BsonType switch
    {
        BsonType.Int32 => Width.Int32,
        BsonType.Int64 => Width.Int64,
        BsonType.Double => Width.Double,
        _ => Width.Decimal,
    };

    private static BsonValue? Combine(BsonValue a, BsonValue b, bool multiply)
    {
        var width = (Width)Math.Max((int)WidthOf(a), (int)WidthOf(b));
        try
        {
            switch (width)
            {
                case Width.Int32:
                    long x32 = a.AsInt32, y32 = b.AsInt32;
                    var r32 = multiply ? x32 * y32 : x32 + y32;
                    return r32 is >= int.MinValue and <= int.MaxValue ? new BsonInt32((int)r32) : new BsonInt64(r32);
                case Width.Int64:
                    long x64 = a.ToInt64(), y64 = b.ToInt64();
                    return new BsonInt64(multiply ? checked(x64 * y64) : checked(x64 + y64));
                case Width.Double:
                    double xd = a.ToDouble(), yd = b.ToDouble();
                    return new BsonDouble(multiply ? xd * yd : xd + yd);
                default:
                    decimal xm = ToDecimal(a), ym = ToDecimal(b);
                    return new BsonDecimal128(new Decimal128(multiply ? xm * ym : xm + ym));
            }
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static decimal ToDecimal(BsonValue v) => v.BsonType switch
    {
        BsonType.Int32 => v.AsInt32,
        BsonType.Int64 => v.AsInt64,
        BsonType.Double => (decimal)v.AsDouble,
        _ => Decimal128.ToDecimal(v.AsDecimal128),
    };
}
