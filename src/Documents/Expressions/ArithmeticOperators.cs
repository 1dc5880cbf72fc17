using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary>
/// Arithmetic with MongoDB's number widening: int stays int until it overflows into long, long overflows into
/// double, and any double or decimal operand makes the result that type. Null or missing operands give null.
/// </summary>
internal static class ArithmeticOperators
{
    public static BsonValue Add(BsonValue?[] arguments)
    {
        BsonValue sum = new BsonInt32(0);
        BsonDateTime? date = null;
        foreach (var argument in arguments)
        {
            if (IsNullish(argument)) return BsonNull.Value;
            if (argument!.BsonType == BsonType.DateTime)
            {
                if (date is not null) throw DocumentException.InvalidParam("$add only supports one date argument");
                date = argument.AsBsonDateTime;
                continue;
            }
            sum = Combine(sum, RequireNumber("$add", argument), (a, b) => checked(a + b), (a, b) => a + b, (a, b) => a + b);
        }
        return date is null ? sum : new BsonDateTime(date.MillisecondsSinceEpoch + (long)Math.Round(sum.ToDouble()));
    }

    public static BsonValue Multiply(BsonValue?[] arguments)
    {
        BsonValue product = new BsonInt32(1);
        foreach (var argument in arguments)
        {
            if (IsNullish(argument)) return BsonNull.Value;
            product = Combine(product, RequireNumber("$multiply", argument!), (a, b) => checked(a * b), (a, b) => a * b, (a, b) => a * b);
        }
        return product;
    }

    public static BsonValue Subtract(BsonValue? left, BsonValue? right)
    {
        if (IsNullish(left) || IsNullish(right)) return BsonNull.Value;
        if (left!.BsonType == BsonType.DateTime)
        {
            if (right!.BsonType == BsonType.DateTime)
                return new BsonInt64(left.AsBsonDateTime.MillisecondsSinceEpoch - right.AsBsonDateTime.MillisecondsSinceEpoch);
            var offset = (long)Math.Round(RequireNumber("$subtract", right).ToDouble());
            return new BsonDateTime(left.AsBsonDateTime.MillisecondsSinceEpoch - offset);
        }
        return Combine(RequireNumber("$subtract", left), RequireNumber("$subtract", right!), (a, b) => checked(a - b), (a, b) => a - b, (a, b) => a - b);
    }

    public static BsonValue Divide(BsonValue? left, BsonValue? right)
    {
        if (IsNullish(left) || IsNullish(right)) return BsonNull.Value;
        var dividend = RequireNumber("$divide", left!);
        var divisor = RequireNumber("$divide", right!);
        if (IsZero(divisor)) throw DocumentException.InvalidParam("can't $divide by zero");
        if (dividend.BsonType == BsonType.Decimal128 || divisor.BsonType == BsonType.Decimal128)
            return DecimalResult(() => ToDecimal(dividend) / ToDecimal(divisor));
        return new BsonDouble(dividend.ToDouble() / divisor.ToDouble());
    }

    public static BsonValue Mod(BsonValue? left, BsonValue? right)
    {
        if (IsNullish(left) || IsNullish(right)) return BsonNull.Value;
        var dividend = RequireNumber("$mod", left!);
        var divisor = RequireNumber("$mod", right!);
        if (IsZero(divisor)) throw DocumentException.InvalidParam("can't $mod by zero");
        return Combine(dividend, divisor, (a, b) => b == -1 ? 0 : a % b, (a, b) => a % b, (a, b) => a % b);
    }

    public static BsonValue Pow(BsonValue? baseValue, BsonValue? exponent)
    {
        if (IsNullish(baseValue) || IsNullish(exponent)) return BsonNull.Value;
        var b = RequireNumber("$pow", baseValue!);
        var e = RequireNumber("$pow", exponent!);
        if (IsZero(b) && e.ToDouble() < 0) throw DocumentException.InvalidParam("$pow cannot take a base of 0 and a negative exponent");
        var result = Math.Pow(b.ToDouble(), e.ToDouble());
        var integral = b.BsonType is BsonType.Int32 or BsonType.Int64 && e.BsonType is BsonType.Int32 or BsonType.Int64 && e.ToInt64() >= 0;
        if (integral && Math.Abs(result) < 9.007e15)
        {
            var whole = (long)result;
            return b.BsonType == BsonType.Int32 && e.BsonType == BsonType.Int32 && whole is >= int.MinValue and <= int.MaxValue
                ? new BsonInt32((int)whole)
                : new BsonInt64(whole);
        }
        return new BsonDouble(result);
    }

    public static BsonValue Sqrt(BsonValue? value)
    {
        if (IsNullish(value)) return BsonNull.Value;
        var d = RequireNumber("$sqrt", value!).ToDouble();
        if (d < 0) throw DocumentException.InvalidParam("$sqrt's argument must be greater than or equal to 0");
        return new BsonDouble(Math.Sqrt(d));
    }

    public static BsonValue Abs(BsonValue? value)
    {
        if (IsNullish(value)) return BsonNull.Value;
        var number = RequireNumber("$abs", value!);
        return number.BsonType switch
        {
            BsonType.Int32 when number.AsInt32 == int.MinValue => new BsonInt64(-(long)int.MinValue),
            BsonType.Int32 => new BsonInt32(Math.Abs(number.AsInt32)),
            BsonType.Int64 when number.AsInt64 == long.MinValue => new BsonDouble(-(double)long.MinValue),
            BsonType.Int64 => new BsonInt64(Math.Abs(number.AsInt64)),
            BsonType.Decimal128 => DecimalResult(() => Math.Abs(ToDecimal(number))),
            _ => new BsonDouble(Math.Abs(number.AsDouble)),
        };
    }

    /// <summary><c>$ceil $floor $trunc</c>: integers pass through unchanged; doubles round to a whole double.</summary>
    public static BsonValue Round(string name, BsonValue? value, Func<double, double> rounding)
    {
        if (IsNullish(value)) return BsonNull.Value;
        var number = RequireNumber(name, value!);
        return number.BsonType switch
        {
            BsonType.Int32 or BsonType.Int64 => number,
            BsonType.Decimal128 => DecimalResult(() => (decimal)rounding((double)ToDecimal(number))),
            _ => new BsonDouble(rounding(number.AsDouble)),
        };
    }

    public static bool IsNullish(BsonValue? value) => Operand.IsNullish(value);

    public static BsonValue RequireNumber(string name, BsonValue value) => value.BsonType switch
    {
        BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 => value,
        _ => throw DocumentException.InvalidParam($"{name} only supports numeric types, not {value.BsonType}"),
    };

    public static bool IsZero(BsonValue number) =>
        number.BsonType == BsonType.Decimal128 ? ToDecimal(number) == 0m : number.ToDouble() == 0;

    /// <summary>
    /// Decimal128 spans far more than .NET's decimal (about ±7.9e28), so values or results beyond it fail the
    /// request instead of escaping as an OverflowException.
    /// </summary>
    public static decimal ToDecimal(BsonValue number)
    {
        try
        {
            return number.BsonType switch
            {
                BsonType.Decimal128 => Decimal128.ToDecimal(number.AsDecimal128),
                BsonType.Int32 => number.AsInt32,
                BsonType.Int64 => number.AsInt64,
                _ => (decimal)number.AsDouble,
            };
        }
        catch (OverflowException)
        {
            throw DecimalOutOfRange();
        }
    }

    public static BsonDecimal128 DecimalResult(Func<decimal> compute)
    {
        try
        {
            return new BsonDecimal128(new Decimal128(compute()));
        }
        catch (OverflowException)
        {
            throw DecimalOutOfRange();
        }
    }

    private static DocumentException DecimalOutOfRange() =>
        DocumentException.RequestFailed("decimal arithmetic beyond ±7.9e28 is not supported");

    private static BsonValue Combine(
        BsonValue a, BsonValue b, Func<long, long, long> onLong, Func<double, double, double> onDouble, Func<decimal, decimal, decimal> onDecimal)
    {
        if (a.BsonType == BsonType.Decimal128 || b.BsonType == BsonType.Decimal128)
            return DecimalResult(() => onDecimal(ToDecimal(a), ToDecimal(b)));
        if (a.BsonType == BsonType.Double || b.BsonType == BsonType.Double)
            return new BsonDouble(onDouble(a.ToDouble(), b.ToDouble()));
        long result;
        try
        {
            result = onLong(a.ToInt64(), b.ToInt64());
        }
        catch (OverflowException)
        {
            return new BsonDouble(onDouble(a.ToDouble(), b.ToDouble()));
        }
        var bothInt = a.BsonType == BsonType.Int32 && b.BsonType == BsonType.Int32;
        return bothInt && result is >= int.MinValue and <= int.MaxValue ? new BsonInt32((int)result) : new BsonInt64(result);
    }
}
