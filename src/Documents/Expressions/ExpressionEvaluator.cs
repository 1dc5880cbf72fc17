using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary>
/// Compiles MongoDB aggregation expressions (used by <c>$expr</c>, later by aggregate stages) into evaluator trees.
/// Operator names, argument shapes and variable references are checked here, once, so evaluation only computes.
/// </summary>
public static class ExpressionEvaluator
{
    public static CompiledExpression Compile(BsonValue expression)
    {
        var scope = VariableScope.CreateRoot();
        var compiled = Compile(expression, scope);
        return scope.SlotCount == 0 ? compiled : new ScopedExpression(compiled, scope.SlotCount);
    }

    internal static CompiledExpression Compile(BsonValue expression, VariableScope scope) => expression.BsonType switch
    {
        BsonType.String => CompileString(expression.AsString, scope),
        BsonType.Array => new ArrayExpression(CompileAll(expression.AsBsonArray, scope)),
        BsonType.Document => CompileDocument(expression.AsBsonDocument, scope),
        _ => new ConstantExpression(expression),
    };

    /// <summary>MongoDB truthiness: false, null, undefined, missing and numeric zero are false; everything else is true.</summary>
    public static bool IsTruthy(BsonValue? value)
    {
        if (value is null) return false;
        return value.BsonType switch
        {
            BsonType.Boolean => value.AsBoolean,
            BsonType.Null or BsonType.Undefined => false,
            BsonType.Int32 => value.AsInt32 != 0,
            BsonType.Int64 => value.AsInt64 != 0,
            BsonType.Double => value.AsDouble != 0,
            BsonType.Decimal128 => !Decimal128.IsZero(value.AsDecimal128),
            _ => true,
        };
    }

    /// <summary>
    /// <c>"$a.b"</c> reads from <c>$$CURRENT</c>; <c>"$$name.a.b"</c> from a variable. A <c>$let</c> may rebind
    /// CURRENT, so plain field paths resolve through the innermost such binding when there is one.
    /// </summary>
    private static CompiledExpression CompileString(string text, VariableScope scope)
    {
        if (!text.StartsWith('$')) return new ConstantExpression(new BsonString(text));
        if (!text.StartsWith("$$", StringComparison.Ordinal)) return CurrentPath(SplitPath(text, text[1..]), scope);
        var dot = text.IndexOf('.');
        var variable = dot < 0 ? text[2..] : text[2..dot];
        var rest = dot < 0 ? [] : SplitPath(text, text[(dot + 1)..]);
        if (variable == "CURRENT") return CurrentPath(rest, scope);
        if (variable == "ROOT") return new FieldPathExpression(rest, FieldPathExpression.RootSlot);
        if (variable == "REMOVE") return MissingExpression.Instance;
        // One value per compiled expression — a query's filter, a pipeline's stage — as MongoDB gives one per operation.
        if (variable == "NOW") return rest.Length == 0 ? new ConstantExpression(new BsonDateTime(DateTime.UtcNow)) : MissingExpression.Instance;
        if (variable.Length > 0 && (variable[0] is >= 'a' and <= 'z' || variable[0] > 127) && scope.Lookup(variable) is { } slot)
            return new FieldPathExpression(rest, slot);
        throw DocumentException.InvalidParam($"use of undefined variable: {variable}");
    }

    private static FieldPathExpression CurrentPath(string[] segments, VariableScope scope) =>
        new(segments, scope.Lookup("CURRENT") ?? FieldPathExpression.RootSlot);

    private static string[] SplitPath(string original, string path)
    {
        var segments = path.Split('.');
        foreach (var segment in segments)
        {
            if (segment.Length == 0 || segment.StartsWith('$'))
                throw DocumentException.InvalidParam($"invalid field path in expression: '{original}'");
        }
        return segments;
    }

    private static CompiledExpression[] CompileAll(BsonArray items, VariableScope scope)
    {
        var compiled = new CompiledExpression[items.Count];
        for (var i = 0; i < items.Count; i++) compiled[i] = Compile(items[i], scope);
        return compiled;
    }

    private static CompiledExpression CompileDocument(BsonDocument document, VariableScope scope)
    {
        if (document.ElementCount == 0 || !document.GetElement(0).Name.StartsWith('$'))
        {
            var names = new string[document.ElementCount];
            var values = new CompiledExpression[document.ElementCount];
            for (var i = 0; i < names.Length; i++)
            {
                var element = document.GetElement(i);
                if (element.Name.StartsWith('$'))
                    throw DocumentException.InvalidParam($"field names in an expression object cannot start with '$': {element.Name}");
                names[i] = element.Name;
                values[i] = Compile(element.Value, scope);
            }
            return new ObjectExpression(names, values);
        }
        if (document.ElementCount != 1)
            throw DocumentException.InvalidParam("an expression operator object must contain exactly one field");
        var op = document.GetElement(0);
        return OperatorTable.Compile(new OperatorCall(op.Name, op.Value, scope));
    }
}
