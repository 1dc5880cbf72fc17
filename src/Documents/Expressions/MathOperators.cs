using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary>
/// Exponentials, logarithms and <c>$round</c>. Results are doubles, or decimals for a decimal operand; null or
/// missing operands give null and NaN passes through, as in MongoDB.
/// </summary>
internal static class MathOperators
{
    public static CompiledExpression? TryCompile(OperatorCall call) => call.Name switch
    {
        "$exp" => call.Unary(v => Apply("$exp", v, Math.Exp, _ => true, "")),
        "$ln" => call.Unary(v => Apply("$ln", v, Math.Log, x => x > 0, "$ln's argument must be a positive number")),
        "$log10" => call.Unary(v => Apply("$log10", v, Math.Log10, x => x > 0, "$log10's argument must be a positive number")),
        "$log" => call.Binary(Log),
        "$round" => call.Variadic(1, 2, v => Round(v[0], v.Length > 1 ? v[1] : new BsonInt32(0), v.Length > 1)),
        _ => null,
    };

    private static BsonValue Apply(string name, BsonValue? value, Func<double, double> function, Func<double, bool> inDomain, string domainError)
    {
        if (Operand.IsNullish(value)) return BsonNull.Value;
        var number = ArithmeticOperators.RequireNumber(name, value!);
        var x = number.ToDouble();
        if (!double.IsNaN(x) && !inDomain(x)) throw DocumentException.InvalidParam(domainError);
        var result = function(x);
        return number.BsonType == BsonType.Decimal128 ? new BsonDecimal128(new Decimal128(result)) : new BsonDouble(result);
    }

    private static BsonValue Log(BsonValue? value, BsonValue? logBase)
    {
        if (Operand.IsNullish(value) || Operand.IsNullish(logBase)) return BsonNull.Value;
        var number = ArithmeticOperators.RequireNumber("$log", value!);
        var b = ArithmeticOperators.RequireNumber("$log", logBase!);
        var x = number.ToDouble();
        var bx = b.ToDouble();
        if (!double.IsNaN(x) && x <= 0) throw DocumentException.InvalidParam("$log's argument must be a positive number");
        if (!double.IsNaN(bx) && (bx <= 0 || bx == 1)) throw DocumentException.InvalidParam("$log's base must be a positive number not equal to 1");
        var result = Math.Log(x) / Math.Log(bx);
        return number.BsonType == BsonType.Decimal128 || b.BsonType == BsonType.Decimal128
            ? new BsonDecimal128(new Decimal128(result))
            : new BsonDouble(result);
    }

    /// <summary>
    /// <c>$round: [n, place]</c> rounds half to even. Doubles go through decimal (15 significant digits, as MongoDB
    /// does) so 2.675 at two places rounds as written, not as its binary approximation.
    /// </summary>
    private static BsonValue Round(BsonValue? value, BsonValue? place, bool placeGiven)
    {
        if (Operand.IsNullish(value) || (placeGiven && Operand.IsNullish(place))) return BsonNull.Value;
        var number = ArithmeticOperators.RequireNumber("$round", value!);
        var digits = Operand.Int("$round", place, "place");
        if (digits is < -20 or >= 100) throw DocumentException.InvalidParam($"$round requires \"place\" in [-20, 100), found: {digits}");
        switch (number.BsonType)
        {
            case BsonType.Int32 or BsonType.Int64:
                if (digits >= 0) return number;
                var whole = RoundDecimal(number.ToInt64(), digits);
                return number.BsonType == BsonType.Int32 && whole is >= int.MinValue and <= int.MaxValue
                    ? new BsonInt32((int)whole)
                    : whole is >= long.MinValue and <= long.MaxValue
                        ? new BsonInt64((long)whole)
                        : throw DocumentException.RequestFailed("$round overflowed");
            case BsonType.Decimal128:
                return ArithmeticOperators.DecimalResult(() => RoundDecimal(ArithmeticOperators.ToDecimal(number), digits));
            default:
                var d = number.AsDouble;
                if (double.IsNaN(d) || double.IsInfinity(d) || Math.Abs(d) >= 1e28) return number;
                return new BsonDouble((double)RoundDecimal((decimal)d, digits));
        }
    }

    private static decimal RoundDecimal(decimal value, int digits)
    {
        if (digits >= 0) return Math.Round(value, Math.Min(digits, 28), MidpointRounding.ToEven);
        if (digits < -28) return 0m;
        var scale = Pow10(-digits);
        return Math.Round(value / scale, MidpointRounding.ToEven) * scale;
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++) result *= 10m;
        return result;
    }
}
