using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// Documents gathered by key into accumulators, the core of <c>$group</c>, <c>$sortByCount</c> and <c>$bucket</c>.
/// Keys are equal as MongoDB compares them (1, 1L and 1.0 are one group, the first seen is the <c>_id</c>); groups
/// come out in first-seen order. Bounded by the number of keys and the bytes the keys and states hold.
/// </summary>
internal sealed class Grouping(string stage, AccumulatorSpec[] outputs, AggregationLimits limits)
{
    /// <summary>Dictionary entry, accumulator array and list slot a group costs besides its key and values.</summary>
    private const int GroupOverheadBytes = 64;

    public IEnumerable<BsonDocument> Run(IEnumerable<BsonDocument> input, Func<BsonDocument, BsonValue> keyOf)
    {
        var groups = new Dictionary<BsonValue, Accumulator[]>(BsonValueComparer.Instance);
        var firstSeen = new List<KeyValuePair<BsonValue, Accumulator[]>>();
        var budget = new BufferBudget(stage, limits.MaxBufferedBytes);
        foreach (var document in input)
        {
            var key = keyOf(document);
            if (!groups.TryGetValue(key, out var state))
            {
                if (groups.Count == limits.MaxGroups)
                    throw DocumentException.RequestFailed(
                        $"{stage} exceeded the limit of {limits.MaxGroups} distinct groups; filter the input or group by a coarser key");
                state = [.. outputs.Select(o => o.Start())];
                groups.Add(key, state);
                firstSeen.Add(new(key, state));
                budget.Charge(BsonSize.Of(key) + GroupOverheadBytes);
            }
            for (var i = 0; i < outputs.Length; i++) budget.Charge(outputs[i].Add(state[i], document));
        }
        foreach (var (key, state) in firstSeen)
        {
            var output = new BsonDocument("_id", key);
            for (var i = 0; i < outputs.Length; i++) output[outputs[i].Field] = state[i].Result();
            yield return output;
        }
    }
}
