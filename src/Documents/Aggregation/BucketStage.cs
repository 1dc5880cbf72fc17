using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Expressions;
using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// <c>$bucket: {groupBy, boundaries, default?, output?}</c>: documents grouped into [boundary, next boundary) ranges,
/// each bucket's <c>_id</c> its lower boundary; values outside every range go to the <c>default</c> bucket, or fail
/// the request when there is none. Buckets come out in <c>_id</c> order (MongoDB defines <c>$bucket</c> as a
/// <c>$group</c> followed by that sort), so a default below the boundaries comes first. Blocking.
/// </summary>
internal sealed class BucketStage(CompiledExpression groupBy, BsonValue[] boundaries, BsonValue? defaultBucket, Grouping grouping)
    : PipelineStage
{
    private const string Stage = "$bucket";

    public static BucketStage Parse(BsonValue argument, PipelineVariables variables, AggregationLimits limits)
    {
        var spec = StageArguments.Object(Stage, argument);
        StageArguments.OnlyKnown(Stage, spec, "groupBy", "boundaries", "default", "output");
        if (!spec.TryGetValue("groupBy", out var groupBy) || !spec.TryGetValue("boundaries", out var boundaryList))
            throw StageArguments.Invalid(Stage, "'groupBy' and 'boundaries' are required");
        var boundaries = ParseBoundaries(boundaryList);
        var defaultBucket = spec.TryGetValue("default", out var given) ? given : null;
        if (defaultBucket is not null && BsonValueComparer.TypeRank(defaultBucket) == BsonValueComparer.TypeRank(boundaries[0])
            && Compare(defaultBucket, boundaries[0]) >= 0 && Compare(defaultBucket, boundaries[^1]) < 0)
            throw StageArguments.Invalid(Stage, "'default' must be less than the lowest boundary or at least the highest boundary");
        var outputs = spec.TryGetValue("output", out var output)
            ? AccumulatorSpec.ParseAll(Stage, StageArguments.Object(Stage, output, "'output'"), variables)
            : [AccumulatorSpec.Count("count")];
        var key = StageArguments.GroupingExpression(Stage, groupBy, variables, "'groupBy'");
        return new BucketStage(key, boundaries, defaultBucket, new Grouping(Stage, outputs, limits));
    }

    private static BsonValue[] ParseBoundaries(BsonValue value)
    {
        if (value is not BsonArray { Count: >= 2 } list)
            throw StageArguments.Invalid(Stage, "'boundaries' must be an array of at least two values");
        var boundaries = list.ToArray();
        for (var i = 1; i < boundaries.Length; i++)
        {
            if (BsonValueComparer.TypeRank(boundaries[i]) != BsonValueComparer.TypeRank(boundaries[0]))
                throw StageArguments.Invalid(Stage, "all 'boundaries' must have the same type");
            if (Compare(boundaries[i - 1], boundaries[i]) >= 0)
                throw StageArguments.Invalid(Stage, "'boundaries' must be sorted in ascending order without repeats");
        }
        return boundaries;
    }

    public override IEnumerable<BsonDocument> Apply(IEnumerable<BsonDocument> input, AggregationContext context)
    {
        var buckets = grouping.Run(input, BucketOf).ToList();
        buckets.Sort((x, y) => Compare(x["_id"], y["_id"]));
        foreach (var bucket in buckets) yield return bucket;
    }

    private BsonValue BucketOf(BsonDocument document)
    {
        var value = groupBy.EvaluateOrMissing(document) ?? BsonNull.Value;
        // The last boundary at or below the value; the value must also lie below the boundary after it.
        int low = 0, high = boundaries.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (Compare(boundaries[middle], value) <= 0) low = middle;
            else high = middle - 1;
        }
        if (low < boundaries.Length - 1 && Compare(boundaries[low], value) <= 0) return boundaries[low];
        return defaultBucket ?? throw DocumentException.RequestFailed(
            $"{Stage} found no bucket for the value {value.ToJson()} and no 'default' was specified");
    }

    private static int Compare(BsonValue x, BsonValue y) => BsonValueComparer.Instance.Compare(x, y);
}
