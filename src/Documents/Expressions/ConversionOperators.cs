using ActorCloud.Documents.Bson;
using MongoDB.Bson;
using System.Globalization;

namespace ActorCloud.Documents.Expressions;

/// <summary>
/// <c>$convert</c>, its shorthands (<c>$toInt</c>, <c>$toString</c>, …), <c>$type</c> and <c>$isNumber</c>.
/// Null or missing input converts to null; an impossible conversion fails the request unless <c>$convert</c>
/// has an <c>onError</c>.
/// </summary>
internal static class ConversionOperators
{
    private static readonly Dictionary<string, BsonType> Targets = new(StringComparer.Ordinal)
    {
        ["double"] = BsonType.Double,
        ["string"] = BsonType.String,
        ["objectId"] = BsonType.ObjectId,
        ["bool"] = BsonType.Boolean,
        ["date"] = BsonType.DateTime,
        ["int"] = BsonType.Int32,
        ["long"] = BsonType.Int64,
        ["decimal"] = BsonType.Decimal128,
    };

    public static CompiledExpression? TryCompile(OperatorCall call) => call.Name switch
    {
        "$toDouble" => Shorthand(call, BsonType.Double),
        "$toString" => Shorthand(call, BsonType.String),
        "$toObjectId" => Shorthand(call, BsonType.ObjectId),
        "$toBool" => Shorthand(call, BsonType.Boolean),
        "$toDate" => Shorthand(call, BsonType.DateTime),
        "$toInt" => Shorthand(call, BsonType.Int32),
        "$toLong" => Shorthand(call, BsonType.Int64),
        "$toDecimal" => Shorthand(call, BsonType.Decimal128),
        "$type" => call.Unary(v => new BsonString(Operand.TypeName(v))),
        "$isNumber" => call.Unary(v => Operand.Bool(v is not null && BsonValueComparer.IsNumber(v))),
        "$convert" => CompileConvert(call),
        _ => null,
    };

    private static CompiledExpression Shorthand(OperatorCall call, BsonType target) =>
        call.Unary(v => Operand.IsNullish(v) ? BsonNull.Value : Convert(v!, target));

    private static CompiledExpression CompileConvert(OperatorCall call)
    {
        var parts = call.Named("input", "to", "onError", "onNull");
        var input = call.Required(parts, "input");
        var to = call.Required(parts, "to");
        if (parts["to"] is { BsonType: not (BsonType.Document or BsonType.Array) } constant) Target(constant, DocumentException.InvalidParam);
        var onError = call.Optional(parts, "onError");
        var onNull = call.Optional(parts, "onNull");
        return new ConvertExpression(input, to, onError, onNull);
    }

    /// <summary>The target type of <c>to</c>: a type name or a BSON type number.</summary>
    public static BsonType? Target(BsonValue? to, Func<string, DocumentException> error)
    {
        if (Operand.IsNullish(to)) return null;
        if (to!.BsonType == BsonType.String && Targets.TryGetValue(to.AsString, out var named)) return named;
        if (BsonValueComparer.IsNumber(to))
        {
            foreach (var type in Targets.Values)
            {
                if ((int)type == to.ToDouble()) return type;
            }
        }
        throw error($"$convert: unknown or unsupported target type {to}");
    }

    public static BsonValue Convert(BsonValue input, BsonType target)
    {
        if (input.BsonType == target) return input;
        var result = target switch
        {
            BsonType.Double => ToDouble(input),
            BsonType.String => ToText(input),
            BsonType.ObjectId => input.BsonType == BsonType.String && ObjectId.TryParse(input.AsString, out var id) && input.AsString.Length == 24
                ? new BsonObjectId(id)
                : null,
            BsonType.Boolean => ToBool(input),
            BsonType.DateTime => ToDate(input),
            BsonType.Int32 => ToWhole(input, int.MinValue, int.MaxValue) is { } i ? new BsonInt32((int)i) : null,
            BsonType.Int64 => input.BsonType == BsonType.DateTime
                ? new BsonInt64(input.AsBsonDateTime.MillisecondsSinceEpoch)
                : ToWhole(input, long.MinValue, long.MaxValue) is { } l ? new BsonInt64((long)l) : null,
            _ => ToDecimal(input),
        };
        return result ?? throw DocumentException.RequestFailed(
            $"Failed to convert {Operand.TypeName(input)} value {input} to {Targets.First(t => t.Value == target).Key}");
    }

    private static BsonValue? ToDouble(BsonValue input) => input.BsonType switch
    {
        BsonType.Boolean => new BsonDouble(input.AsBoolean ? 1 : 0),
        BsonType.Int32 or BsonType.Int64 or BsonType.Decimal128 => new BsonDouble(input.ToDouble()),
        BsonType.DateTime => new BsonDouble(input.AsBsonDateTime.MillisecondsSinceEpoch),
        BsonType.String => double.TryParse(input.AsString, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? new BsonDouble(d) : null,
        _ => null,
    };

    private static BsonValue? ToDecimal(BsonValue input) => input.BsonType switch
    {
        BsonType.Boolean => new BsonDecimal128(input.AsBoolean ? Decimal128.One : Decimal128.Zero),
        BsonType.Int32 or BsonType.Int64 => new BsonDecimal128(new Decimal128(input.ToInt64())),
        BsonType.Double => new BsonDecimal128(new Decimal128(input.AsDouble)),
        BsonType.DateTime => new BsonDecimal128(new Decimal128(input.AsBsonDateTime.MillisecondsSinceEpoch)),
        BsonType.String => Decimal128.TryParse(input.AsString, out var d) ? new BsonDecimal128(d) : null,
        _ => null,
    };

    private static BsonValue ToBool(BsonValue input) => input.BsonType switch
    {
        BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 => Operand.Bool(ExpressionEvaluator.IsTruthy(input)),
        _ => BsonBoolean.True,
    };

    private static BsonValue? ToDate(BsonValue input)
    {
        switch (input.BsonType)
        {
            case BsonType.Timestamp or BsonType.ObjectId:
                return new BsonDateTime(DateOperators.Millis("$toDate", input));
            case BsonType.Int64 or BsonType.Double or BsonType.Decimal128:
                return ToWhole(input, long.MinValue, long.MaxValue) is { } ms ? new BsonDateTime((long)ms) : null;
            case BsonType.String:
                return new BsonDateTime(DateFormat.Parse(input.AsString, null, null));
            default:
                return null;
        }
    }

    /// <summary>Numbers truncate toward zero; strings must be plain base-10 integers; anything out of range fails.</summary>
    private static decimal? ToWhole(BsonValue input, decimal min, decimal max)
    {
        decimal? value = input.BsonType switch
        {
            BsonType.Boolean => input.AsBoolean ? 1 : 0,
            BsonType.Int32 or BsonType.Int64 => input.ToInt64(),
            BsonType.Double when !double.IsNaN(input.AsDouble) && Math.Abs(input.AsDouble) < 1e28 => Math.Truncate((decimal)input.AsDouble),
            BsonType.Decimal128 => decimal.TryParse(input.AsDecimal128.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? Math.Truncate(d)
                : null,
            BsonType.String => long.TryParse(input.AsString, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null,
            _ => null,
        };
        return value >= min && value <= max ? value : null;
    }

    private static BsonString? ToText(BsonValue input) => input.BsonType switch
    {
        BsonType.Boolean => new BsonString(input.AsBoolean ? "true" : "false"),
        BsonType.ObjectId => new BsonString(input.AsObjectId.ToString()),
        BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 or BsonType.DateTime or BsonType.Symbol =>
            new BsonString(ValueOperators.StringOf("$toString", input)),
        _ => null,
    };

    /// <summary>Shortest round-trip digits, spelled as MongoDB prints doubles (<c>1e+20</c>, <c>Infinity</c>).</summary>
    public static string DoubleText(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "Infinity" : "-Infinity";
        return value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
    }
}

/// <summary><c>$convert</c>: <c>onNull</c> for null or missing input, <c>onError</c> for a failed conversion.</summary>
internal sealed class ConvertExpression(CompiledExpression input, CompiledExpression to, CompiledExpression? onError, CompiledExpression? onNull)
    : CompiledExpression
{
    internal override BsonValue? Evaluate(EvaluationContext context)
    {
        var value = input.Evaluate(context);
        var target = ConversionOperators.Target(to.Evaluate(context), DocumentException.InvalidParam);
        if (Operand.IsNullish(value)) return onNull is null ? BsonNull.Value : onNull.Evaluate(context);
        if (target is null) return BsonNull.Value;
        try
        {
            return ConversionOperators.Convert(value!, target.Value);
        }
        catch (DocumentException) when (onError is not null)
        {
            return onError.Evaluate(context);
        }
    }
}
