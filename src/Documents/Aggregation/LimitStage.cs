using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary><c>$limit: n</c> with n &gt; 0; streams, and stops reading its input once it has passed n documents.</summary>
internal sealed class LimitStage(long count) : PipelineStage
{
    public long Count => count;

    public static LimitStage Parse(BsonValue argument)
    {
        var count = StageArguments.Integer("$limit", argument, "the limit");
        return count > 0 ? new LimitStage(count) : throw StageArguments.Invalid("$limit", $"the limit must be positive, got {count}");
    }

    public override IEnumerable<BsonDocument> Apply(IEnumerable<BsonDocument> input, AggregationContext context)
    {
        var passed = 0L;
        foreach (var document in input)
        {
            yield return document;
            // Checked after yielding so the source is not asked for a document that would be dropped.
            if (++passed == count) yield break;
        }
    }
}
