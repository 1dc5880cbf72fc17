using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// <c>$sample: {size: n}</c>: n documents chosen uniformly without replacement, in random order. A reservoir keeps
/// only n documents however large the input, so the budget bounds n's documents, not the collection.
/// </summary>
internal sealed class SampleStage(int size, long maxBytes) : PipelineStage
{
    public static SampleStage Parse(BsonValue argument, AggregationLimits limits)
    {
        var spec = StageArguments.Object("$sample", argument);
        StageArguments.OnlyKnown("$sample", spec, "size");
        if (!spec.TryGetValue("size", out var sizeValue)) throw StageArguments.Invalid("$sample", "'size' is required");
        var size = StageArguments.Integer("$sample", sizeValue, "'size'");
        if (size < 0) throw StageArguments.Invalid("$sample", $"'size' must not be negative, got {size}");
        return new SampleStage((int)Math.Min(size, int.MaxValue), limits.MaxBufferedBytes);
    }

    public override IEnumerable<BsonDocument> Apply(IEnumerable<BsonDocument> input, AggregationContext context)
    {
        var budget = new BufferBudget("$sample", maxBytes);
        var reservoir = new List<(BsonDocument Document, long Bytes)>();
        var seen = 0L;
        foreach (var document in input)
        {
            seen++;
            var slot = reservoir.Count < size ? reservoir.Count : context.Random.NextInt64(seen);
            if (slot >= size) continue;
            var bytes = BsonSize.Of(document);
            budget.Charge(bytes);
            if (slot == reservoir.Count)
            {
                reservoir.Add((document, bytes));
                continue;
            }
            budget.Release(reservoir[(int)slot].Bytes);
            reservoir[(int)slot] = (document, bytes);
        }
        // The reservoir's order still follows the input's; shuffle so the sample's order is random too.
        for (var i = reservoir.Count - 1; i > 0; i--)
        {
            var j = context.Random.Next(i + 1);
            (reservoir[i], reservoir[j]) = (reservoir[j], reservoir[i]);
        }
        foreach (var (document, _) in reservoir) yield return document;
    }
}
