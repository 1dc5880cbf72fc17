using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary>
/// Set operators over arrays: duplicates are ignored, elements compare by MongoDB's value equality (1 equals
/// 1.0), nested arrays are elements rather than sets. Results keep first-appearance order.
/// </summary>
internal static class SetOperators
{
    public static CompiledExpression? TryCompile(OperatorCall call) => call.Name switch
    {
        "$allElementsTrue" => call.Unary(v => Operand.Bool(Strict("$allElementsTrue", v).All(ExpressionEvaluator.IsTruthy))),
        "$anyElementTrue" => call.Unary(v => Operand.Bool(Strict("$anyElementTrue", v).Any(ExpressionEvaluator.IsTruthy))),
        "$setEquals" => call.Variadic(2, int.MaxValue, SetEquals),
        "$setIsSubset" => call.Binary(SetIsSubset),
        "$setDifference" => call.Binary(SetDifference),
        "$setIntersection" => new VariadicExpression(call.Arguments(), SetIntersection),
        "$setUnion" => new VariadicExpression(call.Arguments(), SetUnion),
        _ => null,
    };

    /// <summary>The operators that answer a boolean refuse null and missing as well as other non-arrays.</summary>
    private static BsonArray Strict(string name, BsonValue? value) => value is { BsonType: BsonType.Array }
        ? value.AsBsonArray
        : throw DocumentException.InvalidParam($"{name}'s argument must be an array, but is {Operand.TypeName(value)}");

    private static HashSet<BsonValue> Set(IEnumerable<BsonValue> items) => new(items, BsonValueComparer.Instance);

    private static BsonValue SetEquals(BsonValue?[] arguments)
    {
        var first = Set(Strict("$setEquals", arguments[0]));
        for (var i = 1; i < arguments.Length; i++)
        {
            if (!first.SetEquals(Strict("$setEquals", arguments[i]))) return BsonBoolean.False;
        }
        return BsonBoolean.True;
    }

    private static BsonValue SetIsSubset(BsonValue? subset, BsonValue? superset)
    {
        var candidates = Strict("$setIsSubset", subset);
        return Operand.Bool(Set(Strict("$setIsSubset", superset)).IsSupersetOf(candidates));
    }

    private static BsonValue SetDifference(BsonValue? left, BsonValue? right)
    {
        if (Operand.IsNullish(left) || Operand.IsNullish(right)) return BsonNull.Value;
        var items = Operand.Array("$setDifference", left!, "first argument");
        var excluded = Set(Operand.Array("$setDifference", right!, "second argument"));
        var result = new BsonArray();
        foreach (var item in items)
        {
            if (excluded.Add(item)) result.Add(item);
        }
        return result;
    }

    private static BsonValue SetIntersection(BsonValue?[] arguments)
    {
        var arrays = Arrays("$setIntersection", arguments);
        if (arrays is null) return BsonNull.Value;
        if (arrays.Length == 0) return new BsonArray();
        var seen = Set([]);
        var result = new BsonArray();
        var others = arrays.Skip(1).Select(Set).ToArray();
        foreach (var item in arrays[0])
        {
            if (others.All(other => other.Contains(item)) && seen.Add(item)) result.Add(item);
        }
        return result;
    }

    private static BsonValue SetUnion(BsonValue?[] arguments)
    {
        var arrays = Arrays("$setUnion", arguments);
        if (arrays is null) return BsonNull.Value;
        var seen = Set([]);
        var result = new BsonArray();
        foreach (var item in arrays.SelectMany(a => a))
        {
            if (seen.Add(item)) result.Add(item);
        }
        return result;
    }

    /// <summary>The arguments as arrays, or null when any is null or missing (the result is then null).</summary>
    private static BsonArray[]? Arrays(string name, BsonValue?[] arguments)
    {
        var arrays = new BsonArray[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            if (Operand.IsNullish(arguments[i])) return null;
            arrays[i] = Operand.Array(name, arguments[i]!, "arguments");
        }
        return arrays;
    }
}
