using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary><c>$skip: n</c> with n ≥ 0; streams.</summary>
internal sealed class SkipStage(long count) : PipelineStage
{
    public long Count => count;

    public static SkipStage Parse(BsonValue argument)
    {
        var count = StageArguments.Integer("$skip", argument, "the number to skip");
        return count >= 0 ? new SkipStage(count) : throw StageArguments.Invalid("$skip", $"the number to skip must not be negative, got {count}");
    }

    public override IEnumerable<BsonDocument> Apply(IEnumerable<BsonDocument> input, AggregationContext context)
    {
        var skipped = 0L;
        foreach (var document in input)
        {
            if (skipped < count)
            {
                skipped++;
                continue;
            }
            yield return document;
        }
    }
}
