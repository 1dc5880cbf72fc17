using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary><c>$and</c>: short-circuits, so a later argument that would fail (e.g. divide by zero) is not evaluated.</summary>
internal sealed class AndExpression(CompiledExpression[] arguments) : CompiledExpression
{
    internal override BsonValue? Evaluate(EvaluationContext context)
    {
        foreach (var argument in arguments)
        {
            if (!ExpressionEvaluator.IsTruthy(argument.Evaluate(context))) return BsonBoolean.False;
        }
        return BsonBoolean.True;
    }
}

internal sealed class OrExpression(CompiledExpression[] arguments) : CompiledExpression
{
    internal override BsonValue? Evaluate(EvaluationContext context)
    {
        foreach (var argument in arguments)
        {
            if (ExpressionEvaluator.IsTruthy(argument.Evaluate(context))) return BsonBoolean.True;
        }
        return BsonBoolean.False;
    }
}

internal sealed class CondExpression(CompiledExpression condition, CompiledExpression then, CompiledExpression otherwise)
    : CompiledExpression
{
    internal override BsonValue? Evaluate(EvaluationContext context) =>
        ExpressionEvaluator.IsTruthy(condition.Evaluate(context)) ? then.Evaluate(context) : otherwise.Evaluate(context);
}

/// <summary><c>$ifNull: [e1, …, replacement]</c>: the first argument that is neither null nor missing.</summary>
internal sealed class IfNullExpression(CompiledExpression[] arguments) : CompiledExpression
{
    internal override BsonValue? Evaluate(EvaluationContext context)
    {
        for (var i = 0; i < arguments.Length - 1; i++)
        {
            var value = arguments[i].Evaluate(context);
            if (value is not null && !value.IsBsonNull && !value.IsBsonUndefined) return value;
        }
        return arguments[^1].Evaluate(context);
    }
}

/// <summary><c>$switch</c>: the first branch whose case is truthy; failing when none is and there is no default.</summary>
internal sealed class SwitchExpression(CompiledExpression[] cases, CompiledExpression[] thens, CompiledExpression? otherwise)
    : CompiledExpression
{
    internal override BsonValue? Evaluate(EvaluationContext context)
    {
        for (var i = 0; i < cases.Length; i++)
        {
            if (ExpressionEvaluator.IsTruthy(cases[i].Evaluate(context))) return thens[i].Evaluate(context);
        }
        return otherwise is not null
            ? otherwise.Evaluate(context)
            : throw DocumentException.RequestFailed("$switch could not find a matching branch for an input, and no default was specified.");
    }

    public static SwitchExpression Compile(OperatorCall call)
    {
        var parts = call.Named("branches", "default");
        if (!parts.TryGetValue("branches", out var branches) || branches.BsonType != BsonType.Array)
            throw DocumentException.InvalidParam("$switch expected an array for 'branches'");
        if (branches.AsBsonArray.Count == 0) throw DocumentException.InvalidParam("$switch requires at least one branch");
        var cases = new List<CompiledExpression>();
        var thens = new List<CompiledExpression>();
        foreach (var branch in branches.AsBsonArray)
        {
            if (branch.BsonType != BsonType.Document) throw DocumentException.InvalidParam("$switch expected each branch to be an object");
            foreach (var element in branch.AsBsonDocument)
            {
                if (element.Name is not ("case" or "then"))
                    throw DocumentException.InvalidParam($"$switch found an unknown argument to a branch: {element.Name}");
            }
            cases.Add(call.Required(branch.AsBsonDocument, "case", "$switch requires each branch have a 'case' expression"));
            thens.Add(call.Required(branch.AsBsonDocument, "then", "$switch requires each branch have a 'then' expression"));
        }
        return new SwitchExpression([.. cases], [.. thens], call.Optional(parts, "default"));
    }
}
