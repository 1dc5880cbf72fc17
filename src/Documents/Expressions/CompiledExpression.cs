using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary>
/// An aggregation expression compiled once. Aggregation distinguishes a missing field from null (missing sorts
/// below null and disappears from <c>$project</c> output), so evaluation reports missing as a C# null.
/// </summary>
public abstract class CompiledExpression
{
    /// <summary>The value, or null when the expression evaluates to "missing".</summary>
    public BsonValue? EvaluateOrMissing(BsonDocument root) => Evaluate(new EvaluationContext(root, VariableSlots));

    /// <summary>The value, with missing reported as BSON null.</summary>
    public BsonValue Evaluate(BsonDocument root) => EvaluateOrMissing(root) ?? BsonNull.Value;

    /// <summary>How many variable slots an evaluation needs; only the top of a compiled tree knows.</summary>
    private protected virtual int VariableSlots => 0;

    internal abstract BsonValue? Evaluate(EvaluationContext context);
}

/// <summary>The top of a tree that binds variables: it sizes the slot array every evaluation gets.</summary>
internal sealed class ScopedExpression(CompiledExpression body, int slots) : CompiledExpression
{
    private protected override int VariableSlots => slots;

    internal override BsonValue? Evaluate(EvaluationContext context) => body.Evaluate(context);
}
