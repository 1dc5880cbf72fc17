using ActorCloud.Documents.Sorting;
using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// <c>$sort</c>: MongoDB's order, stable. Blocking; when <c>$skip</c>/<c>$limit</c> stages follow, the parser gives
/// it the number of leading documents they can ever pass on, and only that many are held.
/// </summary>
internal sealed class SortStage(SortSpec spec, int keep, long maxBytes) : PipelineStage
{
    public static SortStage Parse(BsonValue argument, AggregationLimits limits)
    {
        var order = StageArguments.Object("$sort", argument);
        if (order.ElementCount == 0) throw StageArguments.Invalid("$sort", "at least one sort key is required");
        return new SortStage(SortSpec.Parse(order), int.MaxValue, limits.MaxBufferedBytes);
    }

    /// <summary>A sort on one field, as <c>$sortByCount</c> (count, descending) and <c>$bucket</c> (<c>_id</c>) end with.</summary>
    public static SortStage On(string field, bool descending, AggregationLimits limits) =>
        new(SortSpec.Parse(new BsonDocument(field, descending ? -1 : 1)), int.MaxValue, limits.MaxBufferedBytes);

    public SortStage Keeping(int count) => new(spec, Math.Min(keep, count), maxBytes);

    public override IEnumerable<BsonDocument> Apply(IEnumerable<BsonDocument> input, AggregationContext context)
    {
        var selection = new BoundedSelection<BsonValue[]>(
            Comparer<BsonValue[]>.Create(spec.CompareKeys), keep, new BufferBudget("$sort", maxBytes));
        foreach (var document in input) selection.Offer(document, spec.KeyOf(document));
        foreach (var document in selection.TakeInOrder()) yield return document;
    }
}
