using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary><c>$and</c>: short-circuits, so a later argument that would fail (e.g. divide by zero) is not evaluated.</summary>
internal sealed class AndExpression(CompiledExpression[] arguments) : CompiledExpression
{
    public override BsonValue? EvaluateOrMissing(BsonDocument root)
    {
        foreach (var argument in arguments)
        {
            if (!ExpressionEvaluator.IsTruthy(argument.EvaluateOrMissing(root))) return BsonBoolean.False;
        }
        return BsonBoolean.True;
    }
}

internal sealed class OrExpression(CompiledExpression[] arguments) : CompiledExpression
{
    public override BsonValue? EvaluateOrMissing(BsonDocument root)
    {
        foreach (var argument in arguments)
        {
            if (ExpressionEvaluator.IsTruthy(argument.EvaluateOrMissing(root))) return BsonBoolean.True;
        }
        return BsonBoolean.False;
    }
}

internal sealed class CondExpression(CompiledExpression condition, CompiledExpression then, CompiledExpression otherwise)
    : CompiledExpression
{
    public override BsonValue? EvaluateOrMissing(BsonDocument root) =>
        ExpressionEvaluator.IsTruthy(condition.EvaluateOrMissing(root)) ? then.EvaluateOrMissing(root) : otherwise.EvaluateOrMissing(root);
}

/// <summary><c>$ifNull: [e1, …, replacement]</c>: the first argument that is neither null nor missing.</summary>
internal sealed class IfNullExpression(CompiledExpression[] arguments) : CompiledExpression
{
    public override BsonValue? EvaluateOrMissing(BsonDocument root)
    {
        for (var i = 0; i < arguments.Length - 1; i++)
        {
            var value = arguments[i].EvaluateOrMissing(root);
            if (value is not null && !value.IsBsonNull && !value.IsBsonUndefined) return value;
        }
        return arguments[^1].EvaluateOrMissing(root);
    }
}
