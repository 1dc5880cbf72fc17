using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary>Array operators: a null or missing array gives null; any other non-array fails the request.</summary>
internal static class ArrayOperators
{
    public static CompiledExpression? TryCompile(OperatorCall call) => call.Name switch
    {
        "$concatArrays" => new VariadicExpression(call.Arguments(), ConcatArrays),
        "$indexOfArray" => call.Variadic(2, 4, IndexOfArray),
        "$isArray" => call.Unary(v => Operand.Bool(v is { BsonType: BsonType.Array })),
        "$range" => call.Variadic(2, 3, Range),
        "$reverseArray" => call.Unary(ReverseArray),
        "$slice" => call.Variadic(2, 3, Slice),
        "$first" => call.Unary(v => ValueOperators.ArrayElemAt(v, new BsonInt32(0), "$first")),
        "$last" => call.Unary(v => ValueOperators.ArrayElemAt(v, new BsonInt32(-1), "$last")),
        "$zip" => CompileZip(call),
        _ => null,
    };

    private static BsonValue ConcatArrays(BsonValue?[] arguments)
    {
        var result = new BsonArray();
        foreach (var argument in arguments)
        {
            if (Operand.IsNullish(argument)) return BsonNull.Value;
            result.AddRange(Operand.Array("$concatArrays", argument!, "arguments"));
        }
        return result;
    }

    private static BsonValue IndexOfArray(BsonValue?[] arguments)
    {
        if (Operand.IsNullish(arguments[0])) return BsonNull.Value;
        var items = Operand.Array("$indexOfArray", arguments[0]!, "first argument");
        var start = arguments.Length > 2 ? NonNegative("$indexOfArray", arguments[2], "starting index") : 0;
        var end = arguments.Length > 3 ? NonNegative("$indexOfArray", arguments[3], "ending index") : items.Count;
        var search = arguments[1] ?? BsonNull.Value;
        for (var i = start; i < Math.Min(end, items.Count); i++)
        {
            if (BsonValueComparer.Instance.Compare(items[i], search) == 0) return new BsonInt32(i);
        }
        return new BsonInt32(-1);
    }

    internal static int NonNegative(string name, BsonValue? value, string what)
    {
        var index = Operand.Int(name, value, what);
        return index >= 0 ? index : throw DocumentException.InvalidParam($"{name}'s {what} must be non-negative, found: {index}");
    }

    /// <summary>MongoDB refuses a <c>$range</c> over 64 MB; at its 16 bytes a value that is about this many elements.</summary>
    private const long MaxRangeLength = 64L * 1024 * 1024 / 16;

    private static BsonArray Range(BsonValue?[] arguments)
    {
        var start = (long)Operand.Int("$range", arguments[0], "starting value");
        var end = (long)Operand.Int("$range", arguments[1], "ending value");
        var step = arguments.Length > 2 ? Operand.Int("$range", arguments[2], "step value") : 1;
        if (step == 0) throw DocumentException.InvalidParam("$range requires a non-zero step value");
        var count = Math.Max(0, (end - start + step - Math.Sign(step)) / step);
        if (count > MaxRangeLength)
            throw DocumentException.RequestFailed($"$range would produce {count} elements, more than the {MaxRangeLength} allowed");
        var result = new BsonArray((int)count);
        for (var i = start; step > 0 ? i < end : i > end; i += step) result.Add(new BsonInt32((int)i));
        return result;
    }

    private static BsonValue ReverseArray(BsonValue? value)
    {
        if (Operand.IsNullish(value)) return BsonNull.Value;
        var items = Operand.Array("$reverseArray", value!);
        var result = new BsonArray(items.Count);
        for (var i = items.Count - 1; i >= 0; i--) result.Add(items[i]);
        return result;
    }

    /// <summary><c>[array, n]</c> takes n from the front (or -n from the back); <c>[array, position, n]</c> n from a position.</summary>
    private static BsonValue Slice(BsonValue?[] arguments)
    {
        foreach (var argument in arguments)
        {
            if (Operand.IsNullish(argument)) return BsonNull.Value;
        }
        var items = Operand.Array("$slice", arguments[0]!, "first argument");
        var count = items.Count;
        int from, take;
        if (arguments.Length == 2)
        {
            var n = Operand.Int("$slice", arguments[1], "second argument");
            from = n >= 0 ? 0 : Math.Max(0, count + n);
            take = n >= 0 ? Math.Min(n, count) : count - from;
        }
        else
        {
            var position = Operand.Int("$slice", arguments[1], "second argument");
            var n = Operand.Int("$slice", arguments[2], "third argument");
            if (n <= 0) throw DocumentException.InvalidParam($"third argument to $slice must be positive: {n}");
            from = position >= 0 ? Math.Min(position, count) : Math.Max(0, count + position);
            take = (int)Math.Min((long)n, count - from);
        }
        var result = new BsonArray(take);
        for (var i = from; i < from + take; i++) result.Add(items[i]);
        return result;
    }

    private static CompiledExpression CompileZip(OperatorCall call)
    {
        var parts = call.Named("inputs", "useLongestLength", "defaults");
        if (!parts.TryGetValue("inputs", out var inputs) || inputs.BsonType != BsonType.Array)
            throw DocumentException.InvalidParam("$zip requires an array of expressions as 'inputs'");
        var longest = parts.GetValue("useLongestLength", false);
        if (longest.BsonType != BsonType.Boolean) throw DocumentException.InvalidParam("$zip's 'useLongestLength' must be a boolean");
        if (parts.Contains("defaults") && !longest.AsBoolean)
            throw DocumentException.InvalidParam("$zip cannot specify defaults unless useLongestLength is true");
        if (parts.TryGetValue("defaults", out var defaultsSpec) && defaultsSpec.BsonType != BsonType.Array)
            throw DocumentException.InvalidParam("$zip's 'defaults' must be an array of expressions");
        var inputExpressions = inputs.AsBsonArray.Select(call.Compile).ToArray();
        var defaults = defaultsSpec?.AsBsonArray.Select(call.Compile).ToArray() ?? [];
        if (defaults.Length > 0 && defaults.Length != inputExpressions.Length)
            throw DocumentException.InvalidParam("$zip requires 'defaults' to have as many elements as 'inputs'");
        var all = inputExpressions.Concat(defaults).ToArray();
        return new VariadicExpression(all, values => Zip(values, inputExpressions.Length, longest.AsBoolean));
    }

    private static BsonValue Zip(BsonValue?[] values, int inputCount, bool longest)
    {
        var arrays = new BsonArray[inputCount];
        for (var i = 0; i < inputCount; i++)
        {
            if (Operand.IsNullish(values[i])) return BsonNull.Value;
            arrays[i] = Operand.Array("$zip", values[i]!, "inputs");
        }
        if (inputCount == 0) return new BsonArray();
        var length = longest ? arrays.Max(a => a.Count) : arrays.Min(a => a.Count);
        var result = new BsonArray(length);
        for (var row = 0; row < length; row++)
        {
            var tuple = new BsonArray(inputCount);
            for (var i = 0; i < inputCount; i++)
            {
                var fallback = values.Length > inputCount ? values[inputCount + i] ?? BsonNull.Value : BsonNull.Value;
                tuple.Add(row < arrays[i].Count ? arrays[i][row] : fallback);
            }
            result.Add(tuple);
        }
        return result;
    }
}
