using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Expressions;
using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// <c>$bucketAuto: {groupBy, buckets, output?, granularity?}</c>: the documents sorted by the grouping value and cut
/// into at most <c>buckets</c> runs of about equal size, MongoDB's way: a bucket takes round(n / buckets) documents,
/// then every further document with its last value (so equal values never straddle buckets), and the last bucket
/// takes the rest. Each bucket's <c>_id</c> is <c>{min, max}</c>: max is the next bucket's min (the last bucket's
/// own largest value), or with a granularity both are rounded to the series. Blocking: all documents are held.
/// </summary>
internal sealed class BucketAutoStage(
    CompiledExpression groupBy, int bucketCount, AccumulatorSpec[] outputs, Granularity? granularity, long maxBytes) : PipelineStage
{
    private const string Stage = "$bucketAuto";

    public static BucketAutoStage Parse(BsonValue argument, PipelineVariables variables, AggregationLimits limits)
    {
        var spec = StageArguments.Object(Stage, argument);
        StageArguments.OnlyKnown(Stage, spec, "groupBy", "buckets", "output", "granularity");
        if (!spec.TryGetValue("groupBy", out var groupBy) || !spec.TryGetValue("buckets", out var bucketsValue))
            throw StageArguments.Invalid(Stage, "'groupBy' and 'buckets' are required");
        var buckets = StageArguments.Integer(Stage, bucketsValue, "'buckets'");
        if (buckets is <= 0 or > int.MaxValue) throw StageArguments.Invalid(Stage, $"'buckets' must be a positive 32-bit integer, got {buckets}");
        var outputs = spec.TryGetValue("output", out var output)
            ? AccumulatorSpec.ParseAll(Stage, StageArguments.Object(Stage, output, "'output'"), variables)
            : [AccumulatorSpec.Count("count")];
        var granularity = spec.TryGetValue("granularity", out var name)
            ? Granularity.Parse(Stage, StageArguments.String(Stage, name, "'granularity'"))
            : null;
        return new BucketAutoStage(
            StageArguments.GroupingExpression(Stage, groupBy, variables, "'groupBy'"), (int)buckets, outputs, granularity, limits.MaxBufferedBytes);
    }

    public override IEnumerable<BsonDocument> Apply(IEnumerable<BsonDocument> input, AggregationContext context)
    {
        var budget = new BufferBudget(Stage, maxBytes);
        var sorted = SortedByValue(input, budget);
        var buckets = new List<Bucket>();
        var next = 0;
        while (next < sorted.Count && buckets.Count < bucketCount)
        {
            var bucket = new Bucket(sorted[next].Value, outputs.Select(o => o.Start()).ToArray());
            var end = buckets.Count == bucketCount - 1 ? sorted.Count : Math.Min(sorted.Count, next + TargetSize(sorted.Count));
            while (next < end) Add(bucket, sorted[next++], budget);
            if (next < sorted.Count && buckets.Count < bucketCount - 1)
            {
                var roundedMax = granularity?.RoundUp(bucket.Max);
                while (next < sorted.Count && JoinsFullBucket(sorted[next].Value, bucket.Max, roundedMax)) Add(bucket, sorted[next++], budget);
                if (roundedMax is not null && next < sorted.Count) bucket.Max = roundedMax;
            }
            Append(buckets, bucket);
        }
        if (granularity is not null && buckets.Count > 0)
        {
            buckets[0].Min = granularity.RoundDown(buckets[0].Min);
            buckets[^1].Max = granularity.RoundUp(buckets[^1].Max);
        }
        foreach (var bucket in buckets)
        {
            var document = new BsonDocument("_id", new BsonDocument { { "min", bucket.Min }, { "max", bucket.Max } });
            for (var i = 0; i < outputs.Length; i++) document[outputs[i].Field] = bucket.State[i].Result();
            yield return document;
        }
    }

    private List<(BsonValue Value, BsonDocument Document)> SortedByValue(IEnumerable<BsonDocument> input, BufferBudget budget)
    {
        var entries = new List<(BsonValue Value, BsonDocument Document)>();
        foreach (var document in input)
        {
            var value = groupBy.EvaluateOrMissing(document) ?? BsonNull.Value;
            if (granularity is not null) Granularity.CheckRoundable(Stage, value);
            budget.Charge(BsonSize.Of(document) + BsonSize.Of(value));
            entries.Add((value, document));
        }
        // OrderBy is stable, so documents with equal values keep their input order within a bucket.
        return [.. entries.OrderBy(e => e.Value, BsonValueComparer.Instance)];
    }

    /// <summary>
    /// Whether a value after a full bucket still belongs to it: an equal value (values never straddle buckets), or
    /// with a granularity any value below the bucket's rounded-up max.
    /// </summary>
    private static bool JoinsFullBucket(BsonValue value, BsonValue max, BsonValue? roundedMax) =>
        roundedMax is null ? Compare(value, max) == 0 : Compare(value, roundedMax) < 0;

    /// <summary>round(n / buckets) as C's round does it (halves away from zero), and at least one.</summary>
    private int TargetSize(int count) =>
        Math.Max(1, (int)Math.Round((double)count / bucketCount, MidpointRounding.AwayFromZero));

    private void Add(Bucket bucket, (BsonValue Value, BsonDocument Document) entry, BufferBudget budget)
    {
        bucket.Max = entry.Value;
        for (var i = 0; i < outputs.Length; i++) budget.Charge(outputs[i].Add(bucket.State[i], entry.Document));
    }

    /// <summary>Joins the new bucket to the previous one so each range's max is exclusive and the next min inclusive.</summary>
    private void Append(List<Bucket> buckets, Bucket bucket)
    {
        if (buckets.Count > 0)
        {
            var previous = buckets[^1];
            if (granularity is null)
            {
                previous.Max = bucket.Min;
            }
            else
            {
                // A previous max of 0 cannot be rounded up usefully; round the new min down instead to meet it.
                if (previous.Max.ToDouble() == 0) previous.Max = granularity.RoundDown(bucket.Min);
                bucket.Min = previous.Max;
            }
        }
        buckets.Add(bucket);
    }

    private static int Compare(BsonValue x, BsonValue y) => BsonValueComparer.Instance.Compare(x, y);

    private sealed class Bucket(BsonValue min, Accumulator[] state)
    {
        public BsonValue Min { get; set; } = min;

        public BsonValue Max { get; set; } = min;

        public Accumulator[] State { get; } = state;
    }
}
