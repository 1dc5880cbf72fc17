using ActorCloud.Documents.Bson;
using MongoDB.Bson;
using System.Globalization;

namespace ActorCloud.Documents.Expressions;

/// <summary>Comparison, string and array operators of the aggregation language.</summary>
internal static class ValueOperators
{
    /// <summary>Aggregation compares across types by MongoDB's total order, with missing below everything (even null).</summary>
    public static int Compare(BsonValue? left, BsonValue? right)
    {
        if (left is null) return right is null ? 0 : -1;
        if (right is null) return 1;
        return BsonValueComparer.Instance.Compare(left, right);
    }

    public static BsonValue Cmp(BsonValue? left, BsonValue? right) => new BsonInt32(Math.Sign(Compare(left, right)));

    public static BsonValue In(BsonValue? value, BsonValue? array)
    {
        if (array is null || array.BsonType != BsonType.Array)
            throw DocumentException.InvalidParam("$in requires an array as its second argument");
        if (value is null) return BsonBoolean.False;
        foreach (var element in array.AsBsonArray)
        {
            if (BsonValueComparer.Instance.Compare(value, element) == 0) return BsonBoolean.True;
        }
        return BsonBoolean.False;
    }

    public static BsonValue Size(BsonValue? array) => array is not null && array.BsonType == BsonType.Array
        ? new BsonInt32(array.AsBsonArray.Count)
        : throw DocumentException.InvalidParam("the argument to $size must be an array");

    /// <summary>Also <c>$first</c> and <c>$last</c>: out of range is missing, a null or missing array is null.</summary>
    public static BsonValue? ArrayElemAt(BsonValue? array, BsonValue? index) => ArrayElemAt(array, index, "$arrayElemAt");

    public static BsonValue? ArrayElemAt(BsonValue? array, BsonValue? index, string name)
    {
        if (ArithmeticOperators.IsNullish(array) || ArithmeticOperators.IsNullish(index)) return BsonNull.Value;
        if (array!.BsonType != BsonType.Array) throw DocumentException.InvalidParam($"{name}'s argument must be an array, not {Operand.TypeName(array)}");
        var position = WholeNumber(name, index!);
        var items = array.AsBsonArray;
        if (position < 0) position += items.Count;
        return position >= 0 && position < items.Count ? items[(int)position] : null;
    }

    /// <summary><c>$max</c>/<c>$min</c>: over the array when given one array, else over the arguments; nulls are ignored.</summary>
    public static BsonValue Extreme(BsonValue?[] arguments, bool wantMax)
    {
        IEnumerable<BsonValue?> candidates = arguments.Length == 1 && arguments[0] is { BsonType: BsonType.Array } only
            ? only.AsBsonArray
            : arguments;
        BsonValue? best = null;
        foreach (var candidate in candidates)
        {
            if (ArithmeticOperators.IsNullish(candidate)) continue;
            var order = best is null ? 0 : BsonValueComparer.Instance.Compare(candidate, best);
            if (best is null || (wantMax ? order > 0 : order < 0)) best = candidate;
        }
        return best ?? BsonNull.Value;
    }

    public static BsonValue Concat(BsonValue?[] arguments)
    {
        var text = new System.Text.StringBuilder();
        foreach (var argument in arguments)
        {
            if (ArithmeticOperators.IsNullish(argument)) return BsonNull.Value;
            if (argument!.BsonType != BsonType.String)
                throw DocumentException.InvalidParam($"$concat only supports strings, not {argument.BsonType}");
            text.Append(argument.AsString);
        }
        return new BsonString(text.ToString());
    }

    public static BsonValue ToLower(BsonValue? value) => new BsonString(StringOf("$toLower", value).ToLowerInvariant());

    public static BsonValue ToUpper(BsonValue? value) => new BsonString(StringOf("$toUpper", value).ToUpperInvariant());

    public static BsonValue StrLenCP(BsonValue? value)
    {
        if (value is null || value.BsonType != BsonType.String)
            throw DocumentException.InvalidParam("$strLenCP requires a string argument");
        var text = value.AsString;
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsLowSurrogate(text[i])) count++;
        }
        return new BsonInt32(count);
    }

    public static BsonValue SubstrCP(BsonValue? value, BsonValue? start, BsonValue? length)
    {
        var text = StringOf("$substrCP", value);
        var from = WholeNumber("$substrCP", start ?? BsonNull.Value);
        var count = WholeNumber("$substrCP", length ?? BsonNull.Value);
        if (from < 0 || count < 0) throw DocumentException.InvalidParam("$substrCP's start and length must be non-negative");
        var runes = text.EnumerateRunes().ToArray();
        if (from >= runes.Length) return new BsonString("");
        var end = Math.Min(runes.Length, from + count);
        var result = new System.Text.StringBuilder();
        for (var i = (int)from; i < end; i++) result.Append(runes[i].ToString());
        return new BsonString(result.ToString());
    }

    /// <summary>String coercion used by the case operators: null becomes "", numbers and dates their text form.</summary>
    public static string StringOf(string name, BsonValue? value)
    {
        if (ArithmeticOperators.IsNullish(value)) return "";
        return value!.BsonType switch
        {
            BsonType.String => value.AsString,
            BsonType.Symbol => value.AsBsonSymbol.Name,
            BsonType.Int32 or BsonType.Int64 => value.ToInt64().ToString(CultureInfo.InvariantCulture),
            BsonType.Double => ConversionOperators.DoubleText(value.AsDouble),
            BsonType.Decimal128 => value.AsDecimal128.ToString(),
            BsonType.DateTime => DateFormat.Format(DateFormat.IsoWithZ, value.AsBsonDateTime.MillisecondsSinceEpoch, DateZone.Utc),
            _ => throw DocumentException.RequestFailed($"{name} cannot convert a {value.BsonType} to a string"),
        };
    }

    private static long WholeNumber(string name, BsonValue value)
    {
        if (!BsonValueComparer.IsNumber(value)) throw DocumentException.InvalidParam($"{name} needs a numeric argument");
        var d = value.ToDouble();
        if (d != Math.Floor(d) || Math.Abs(d) > int.MaxValue) throw DocumentException.InvalidParam($"{name} needs a whole number");
        return (long)d;
    }
}
