using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary>
/// Compiles MongoDB aggregation expressions (used by <c>$expr</c>, later by aggregate stages) into evaluator trees.
/// Operator names and argument shapes are checked here, once, so evaluation only computes.
/// </summary>
public static class ExpressionEvaluator
{
    public static CompiledExpression Compile(BsonValue expression) => expression.BsonType switch
    {
        BsonType.String => CompileString(expression.AsString),
        BsonType.Array => new ArrayExpression(CompileAll(expression.AsBsonArray)),
        BsonType.Document => CompileDocument(expression.AsBsonDocument),
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
            BsonType.Decimal128 => Decimal128.ToDouble(value.AsDecimal128) != 0,
            _ => true,
        };
    }

    private static CompiledExpression CompileString(string text)
    {
        if (!text.StartsWith('$')) return new ConstantExpression(new BsonString(text));
        if (!text.StartsWith("$$", StringComparison.Ordinal)) return new FieldPathExpression(SplitPath(text, text[1..]));
        var dot = text.IndexOf('.');
        var variable = dot < 0 ? text[2..] : text[2..dot];
        var rest = dot < 0 ? [] : SplitPath(text, text[(dot + 1)..]);
        return variable switch
        {
            "ROOT" or "CURRENT" => new FieldPathExpression(rest),
            "REMOVE" => MissingExpression.Instance,
            _ => throw DocumentException.InvalidParam($"use of undefined variable: {variable}"),
        };
    }

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

    private static CompiledExpression[] CompileAll(BsonArray items)
    {
        var compiled = new CompiledExpression[items.Count];
        for (var i = 0; i < items.Count; i++) compiled[i] = Compile(items[i]);
        return compiled;
    }

    private static CompiledExpression CompileDocument(BsonDocument document)
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
                values[i] = Compile(element.Value);
            }
            return new ObjectExpression(names, values);
        }
        if (document.ElementCount != 1)
            throw DocumentException.InvalidParam("an expression operator object must contain exactly one field");
        var op = document.GetElement(0);
        return OperatorTable.Compile(op.Name, op.Value);
    }
}
