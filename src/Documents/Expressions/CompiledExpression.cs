using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary>
/// An aggregation expression compiled once. Aggregation distinguishes a missing field from null (missing sorts
/// below null and disappears from <c>$project</c> output), so evaluation reports missing as a C# null.
/// </summary>
public abstract class CompiledExpression
{
    /// <summary>The value, or null when the expression evaluates to "missing".</summary>
    public abstract BsonValue? EvaluateOrMissing(BsonDocument root);

    /// <summary>The value, with missing reported as BSON null.</summary>
    public BsonValue Evaluate(BsonDocument root) => EvaluateOrMissing(root) ?? BsonNull.Value;
}
