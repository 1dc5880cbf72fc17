using ActorCloud.Documents.Expressions;
using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// <c>$group: {_id: expr, field: {$accumulator: expr}, …}</c>: one document per distinct <c>_id</c> (missing counts
/// as null). Blocking. Also the first half of <c>$sortByCount</c>.
/// </summary>
internal sealed class GroupStage(CompiledExpression id, Grouping grouping) : PipelineStage
{
    public static GroupStage Parse(BsonValue argument, PipelineVariables variables, AggregationLimits limits)
    {
        var spec = StageArguments.Object("$group", argument);
        if (!spec.TryGetValue("_id", out var id)) throw StageArguments.Invalid("$group", "a group specification must include an _id");
        var outputs = AccumulatorSpec.ParseAll("$group", spec.Where(e => e.Name != "_id"), variables);
        return new GroupStage(variables.Compile(id), new Grouping("$group", outputs, limits));
    }

    /// <summary><c>$sortByCount: expr</c> is <c>$group</c> by the expression counting into <c>count</c>, then a sort on it.</summary>
    public static PipelineStage[] ParseSortByCount(BsonValue argument, PipelineVariables variables, AggregationLimits limits)
    {
        var key = StageArguments.GroupingExpression("$sortByCount", argument, variables, "its argument");
        return
        [
            new GroupStage(key, new Grouping("$sortByCount", [AccumulatorSpec.Count("count")], limits)),
            SortStage.On("count", descending: true, limits),
        ];
    }

    public override IEnumerable<BsonDocument> Apply(IEnumerable<BsonDocument> input, AggregationContext context) =>
        grouping.Run(input, document => id.EvaluateOrMissing(document) ?? BsonNull.Value);
}
