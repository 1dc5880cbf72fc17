using ActorCloud.Documents.Expressions;
using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary><c>$replaceRoot: {newRoot: expr}</c> and its alias <c>$replaceWith: expr</c>; streams.</summary>
internal sealed class ReplaceRootStage(string stage, CompiledExpression newRoot) : PipelineStage
{
    public static ReplaceRootStage ParseReplaceRoot(BsonValue argument, PipelineVariables variables)
    {
        var spec = StageArguments.Object("$replaceRoot", argument);
        StageArguments.OnlyKnown("$replaceRoot", spec, "newRoot");
        if (!spec.TryGetValue("newRoot", out var newRoot)) throw StageArguments.Invalid("$replaceRoot", "'newRoot' is required");
        return new ReplaceRootStage("$replaceRoot", variables.Compile(newRoot));
    }

    public static ReplaceRootStage ParseReplaceWith(BsonValue argument, PipelineVariables variables) =>
        new("$replaceWith", variables.Compile(argument));

    public override IEnumerable<BsonDocument> Apply(IEnumerable<BsonDocument> input, AggregationContext context)
    {
        foreach (var document in input)
        {
            var root = newRoot.EvaluateOrMissing(document);
            yield return root as BsonDocument ?? throw StageArguments.Invalid(stage,
                $"the new root must evaluate to an object, but resulting value was {(root is null ? "missing" : root.ToJson())}");
        }
    }
}
