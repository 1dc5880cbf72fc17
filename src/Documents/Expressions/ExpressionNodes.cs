using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

internal sealed class ConstantExpression(BsonValue value) : CompiledExpression
{
    internal override BsonValue? Evaluate(EvaluationContext context) => value;
}

/// <summary>Evaluates to "missing": <c>$$REMOVE</c>.</summary>
internal sealed class MissingExpression : CompiledExpression
{
    public static readonly MissingExpression Instance = new();

    internal override BsonValue? Evaluate(EvaluationContext context) => null;
}

/// <summary>
/// <c>"$a.b"</c> or <c>"$$var.a.b"</c>: through arrays the path maps over every element (keeping nested arrays
/// nested and dropping elements where the field is absent), as aggregation does; numeric segments are plain field
/// names here.
/// </summary>
internal sealed class FieldPathExpression(string[] segments, int slot) : CompiledExpression
{
    /// <summary>The slot that stands for <c>$$ROOT</c>, which is also <c>$$CURRENT</c> unless a <c>$let</c> rebinds it.</summary>
    public const int RootSlot = -1;

    internal override BsonValue? Evaluate(EvaluationContext context)
    {
        var start = slot == RootSlot ? context.Root : context.Variables[slot];
        return start is null ? null : Resolve(start, 0);
    }

    private BsonValue? Resolve(BsonValue current, int segment)
    {
        if (segment == segments.Length) return current;
        switch (current.BsonType)
        {
            case BsonType.Document:
                return current.AsBsonDocument.TryGetValue(segments[segment], out var next) ? Resolve(next, segment + 1) : null;
            case BsonType.Array:
                var mapped = new BsonArray();
                foreach (var element in current.AsBsonArray)
                {
                    if (element.BsonType is not (BsonType.Document or BsonType.Array)) continue;
                    var value = Resolve(element, segment);
                    if (value is not null) mapped.Add(value);
                }
                return mapped;
            default:
                return null;
        }
    }
}

/// <summary><c>{a: expr, b: expr}</c>: a new document; fields whose expression is missing are left out.</summary>
internal sealed class ObjectExpression(string[] names, CompiledExpression[] values) : CompiledExpression
{
    internal override BsonValue? Evaluate(EvaluationContext context)
    {
        var result = new BsonDocument();
        for (var i = 0; i < names.Length; i++)
        {
            var value = values[i].Evaluate(context);
            if (value is not null) result[names[i]] = value;
        }
        return result;
    }
}

/// <summary><c>[expr, …]</c>: missing items become null, as in MongoDB.</summary>
internal sealed class ArrayExpression(CompiledExpression[] items) : CompiledExpression
{
    internal override BsonValue? Evaluate(EvaluationContext context)
    {
        var result = new BsonArray(items.Length);
        foreach (var item in items) result.Add(item.Evaluate(context) ?? BsonNull.Value);
        return result;
    }
}

internal sealed class UnaryExpression(CompiledExpression argument, Func<BsonValue?, BsonValue?> apply) : CompiledExpression
{
    internal override BsonValue? Evaluate(EvaluationContext context) => apply(argument.Evaluate(context));
}

internal sealed class BinaryExpression(CompiledExpression left, CompiledExpression right, Func<BsonValue?, BsonValue?, BsonValue?> apply)
    : CompiledExpression
{
    internal override BsonValue? Evaluate(EvaluationContext context) =>
        apply(left.Evaluate(context), right.Evaluate(context));
}

internal sealed class VariadicExpression(CompiledExpression[] arguments, Func<BsonValue?[], BsonValue?> apply) : CompiledExpression
{
    internal override BsonValue? Evaluate(EvaluationContext context)
    {
        var values = new BsonValue?[arguments.Length];
        for (var i = 0; i < arguments.Length; i++) values[i] = arguments[i].Evaluate(context);
        return apply(values);
    }
}
