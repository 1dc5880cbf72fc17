using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary><c>$count: "field"</c>: one document <c>{field: n}</c>, or none for empty input (as MongoDB).</summary>
internal sealed class CountStage(string field) : PipelineStage
{
    public static CountStage Parse(BsonValue argument)
    {
        var path = StageArguments.DottedPath("$count", argument, "the count field name");
        return path.Length == 1 ? new CountStage(path[0]) : throw StageArguments.Invalid("$count", "the count field name must not contain '.'");
    }

    public override IEnumerable<BsonDocument> Apply(IEnumerable<BsonDocument> input, AggregationContext context)
    {
        var count = 0L;
        foreach (var _ in input) count++;
        if (count == 0) yield break;
        yield return new BsonDocument(field, count <= int.MaxValue ? new BsonInt32((int)count) : new BsonInt64(count));
    }
}
