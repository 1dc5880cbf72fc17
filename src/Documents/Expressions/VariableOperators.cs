using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary>
/// The operators that bind variables: <c>$let</c>, <c>$map</c>, <c>$filter</c> and <c>$reduce</c>. Their inputs
/// and initial values are compiled in the enclosing scope, their bodies in a nested scope holding the new names.
/// </summary>
internal static class VariableOperators
{
    public static CompiledExpression? TryCompile(OperatorCall call) => call.Name switch
    {
        "$let" => CompileLet(call),
        "$map" => CompileMap(call),
        "$filter" => CompileFilter(call),
        "$reduce" => CompileReduce(call),
        _ => null,
    };

    private static LetExpression CompileLet(OperatorCall call)
    {
        var parts = call.Named("vars", "in");
        if (!parts.TryGetValue("vars", out var vars)) throw DocumentException.InvalidParam("missing 'vars' parameter to $let");
        if (!parts.Contains("in")) throw DocumentException.InvalidParam("missing 'in' parameter to $let");
        if (vars.BsonType != BsonType.Document) throw DocumentException.InvalidParam("invalid parameter: vars must be an object");
        var values = new CompiledExpression[vars.AsBsonDocument.ElementCount];
        for (var i = 0; i < values.Length; i++) values[i] = call.Compile(vars.AsBsonDocument.GetElement(i).Value);
        var inner = call.Scope.Nested();
        var slots = new int[values.Length];
        for (var i = 0; i < slots.Length; i++) slots[i] = inner.Bind(vars.AsBsonDocument.GetElement(i).Name);
        return new LetExpression(slots, values, ExpressionEvaluator.Compile(parts["in"], inner));
    }

    private static MapExpression CompileMap(OperatorCall call)
    {
        var parts = call.Named("input", "as", "in");
        var input = call.Required(parts, "input");
        if (!parts.Contains("in")) throw DocumentException.InvalidParam("missing 'in' parameter to $map");
        var inner = call.Scope.Nested();
        var slot = inner.Bind(VariableName(call, parts, "as"));
        return new MapExpression(input, slot, ExpressionEvaluator.Compile(parts["in"], inner));
    }

    private static FilterExpression CompileFilter(OperatorCall call)
    {
        var parts = call.Named("input", "as", "cond", "limit");
        var input = call.Required(parts, "input");
        if (!parts.Contains("cond")) throw DocumentException.InvalidParam("missing 'cond' parameter to $filter");
        var limit = call.Optional(parts, "limit");
        var inner = call.Scope.Nested();
        var slot = inner.Bind(VariableName(call, parts, "as"));
        return new FilterExpression(input, slot, ExpressionEvaluator.Compile(parts["cond"], inner), limit);
    }

    private static ReduceExpression CompileReduce(OperatorCall call)
    {
        var parts = call.Named("input", "initialValue", "in");
        var input = call.Required(parts, "input");
        var initial = call.Required(parts, "initialValue");
        if (!parts.Contains("in")) throw DocumentException.InvalidParam("missing 'in' parameter to $reduce");
        var inner = call.Scope.Nested();
        var valueSlot = inner.Bind("value");
        var thisSlot = inner.Bind("this");
        return new ReduceExpression(input, initial, valueSlot, thisSlot, ExpressionEvaluator.Compile(parts["in"], inner));
    }

    /// <summary>The <c>as</c> name, <c>this</c> when absent, as MongoDB defaults it.</summary>
    private static string VariableName(OperatorCall call, BsonDocument parts, string field)
    {
        if (!parts.TryGetValue(field, out var name)) return "this";
        if (name.BsonType != BsonType.String) throw DocumentException.InvalidParam($"{call.Name}'s '{field}' must be a string");
        VariableScope.ValidateUserName(name.AsString);
        return name.AsString;
    }

    /// <summary>The input array of an iterating operator, or null when it is null or missing (the result is then null).</summary>
    internal static BsonArray? InputArray(string name, CompiledExpression input, EvaluationContext context)
    {
        var value = input.Evaluate(context);
        if (Operand.IsNullish(value)) return null;
        return value!.BsonType == BsonType.Array
            ? value.AsBsonArray
            : throw DocumentException.InvalidParam($"input to {name} must be an array not {Operand.TypeName(value)}");
    }
}

/// <summary>All <c>vars</c> are evaluated before any is bound, so one cannot see another of the same <c>$let</c>.</summary>
internal sealed class LetExpression(int[] slots, CompiledExpression[] values, CompiledExpression body) : CompiledExpression
{
    internal override BsonValue? Evaluate(EvaluationContext context)
    {
        var evaluated = new BsonValue?[values.Length];
        for (var i = 0; i < values.Length; i++) evaluated[i] = values[i].Evaluate(context);
        for (var i = 0; i < slots.Length; i++) context.Variables[slots[i]] = evaluated[i];
        return body.Evaluate(context);
    }
}

/// <summary><c>$map</c>: an element whose result is missing becomes null, keeping positions.</summary>
internal sealed class MapExpression(CompiledExpression input, int slot, CompiledExpression body) : CompiledExpression
{
    internal override BsonValue? Evaluate(EvaluationContext context)
    {
        var items = VariableOperators.InputArray("$map", input, context);
        if (items is null) return BsonNull.Value;
        var result = new BsonArray(items.Count);
        foreach (var item in items)
        {
            context.Variables[slot] = item;
            result.Add(body.Evaluate(context) ?? BsonNull.Value);
        }
        return result;
    }
}

internal sealed class FilterExpression(CompiledExpression input, int slot, CompiledExpression condition, CompiledExpression? limit)
    : CompiledExpression
{
    internal override BsonValue? Evaluate(EvaluationContext context)
    {
        var items = VariableOperators.InputArray("$filter", input, context);
        if (items is null) return BsonNull.Value;
        var max = int.MaxValue;
        if (limit?.Evaluate(context) is { } limitValue && !Operand.IsNullish(limitValue))
        {
            max = Operand.Int("$filter", limitValue, "limit");
            if (max <= 0) throw DocumentException.InvalidParam($"$filter: limit must be greater than 0: {max}");
        }
        var result = new BsonArray();
        foreach (var item in items)
        {
            if (result.Count == max) break;
            context.Variables[slot] = item;
            if (ExpressionEvaluator.IsTruthy(condition.Evaluate(context))) result.Add(item);
        }
        return result;
    }
}

internal sealed class ReduceExpression(
    CompiledExpression input, CompiledExpression initial, int valueSlot, int thisSlot, CompiledExpression body) : CompiledExpression
{
    internal override BsonValue? Evaluate(EvaluationContext context)
    {
        var items = VariableOperators.InputArray("$reduce", input, context);
        if (items is null) return BsonNull.Value;
        var accumulated = initial.Evaluate(context);
        foreach (var item in items)
        {
            context.Variables[valueSlot] = accumulated;
            context.Variables[thisSlot] = item;
            accumulated = body.Evaluate(context);
        }
        return accumulated;
    }
}
