using ActorCloud.Documents.Aggregation;
using MongoDB.Bson;
using Xunit;
using static ActorCloud.Documents.Tests.Aggregation.AggregationCases;

namespace ActorCloud.Documents.Tests.Aggregation;

/// <summary><c>$sort</c> (alone and as a bounded top-N before <c>$skip</c>/<c>$limit</c>) and <c>$sample</c>.</summary>
public sealed class SortAndSampleTests
{
    private const string Input = "[{_id: 1, a: 2, b: 1}, {_id: 2, a: 1, b: 2}, {_id: 3, a: 2, b: 3}, {_id: 4, a: 1, b: 1}, {_id: 5, b: 9}]";

    [Theory]
    // Stable: ties keep input order; missing sorts as null, below numbers.
    [InlineData("[{$sort: {a: 1}}]", "5,2,4,1,3")]
    [InlineData("[{$sort: {a: -1}}]", "1,3,2,4,5")]
    [InlineData("[{$sort: {a: 1, b: -1}}]", "5,2,4,3,1")]
    [InlineData("[{$sort: {a: -1}}, {$limit: 3}]", "1,3,2")]
    [InlineData("[{$sort: {a: 1}}, {$skip: 1}, {$limit: 2}]", "2,4")]
    [InlineData("[{$sort: {a: 1}}, {$limit: 4}, {$skip: 1}, {$limit: 1}]", "2")]
    [InlineData("[{$sort: {a: 1}}, {$skip: 4}]", "3")]
    [InlineData("[{$sort: {b: 1}}, {$limit: 100}]", "1,4,2,3,5")]
    [InlineData("[{$sort: {a: 1}}, {$limit: 1}, {$sort: {a: -1}}]", "5")]
    public void Sort(string pipeline, string expectedIds) => Assert.Equal(expectedIds, Ids(Run(pipeline, Input)));

    [Fact]
    public void Sort_before_limit_holds_only_the_documents_it_can_return()
    {
        var limits = new AggregationLimits(MaxBufferedBytes: 20_000);
        var input = Enumerable.Range(0, 2_000).Select(i => new BsonDocument { { "_id", i }, { "k", (i * 7919) % 2_000 }, { "pad", new string('x', 100) } });

        FailsWhileRunning("[{$sort: {k: 1}}]", input, ErrorCodes.DatabaseRequestFailed, limits);
        var top = Run("[{$sort: {k: 1}}, {$skip: 2}, {$limit: 3}]", input, limits: limits);

        Assert.Equal([2, 3, 4], top.Select(d => d["k"].AsInt32));
    }

    [Fact]
    public void Sample_returns_distinct_input_documents()
    {
        var input = DocumentList("[{_id: 1}, {_id: 2}, {_id: 3}, {_id: 4}, {_id: 5}, {_id: 6}]");

        var sample = Run("[{$sample: {size: 3}}]", input);

        Assert.Equal(3, sample.Count);
        Assert.Equal(3, sample.Select(d => d["_id"].AsInt32).Distinct().Count());
        Assert.All(sample, d => Assert.Contains(d, input));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(6, 6)]
    [InlineData(100, 6)]
    public void Sample_size_bounds_the_output(int size, int expected) =>
        Assert.Equal(expected, Run($"[{{$sample: {{size: {size}}}}}]", "[{_id: 1}, {_id: 2}, {_id: 3}, {_id: 4}, {_id: 5}, {_id: 6}]").Count);

    [Fact]
    public void Sample_is_uniform_and_reproducible_with_a_seed()
    {
        const string input = "[{_id: 1}, {_id: 2}, {_id: 3}, {_id: 4}, {_id: 5}]";
        var counts = new int[6];
        for (var seed = 0; seed < 2_000; seed++)
        {
            foreach (var document in Run("[{$sample: {size: 2}}]", input, Context(seed: seed))) counts[document["_id"].AsInt32]++;
        }

        // Each document is chosen with probability 2/5, i.e. about 800 times in 2 000 runs.
        Assert.All(counts.Skip(1), c => Assert.InRange(c, 700, 900));
        Assert.Equal(Ids(Run("[{$sample: {size: 3}}]", input, Context(seed: 42))), Ids(Run("[{$sample: {size: 3}}]", input, Context(seed: 42))));
    }

    [Fact]
    public void Sample_order_is_random_too()
    {
        const string input = "[{_id: 1}, {_id: 2}, {_id: 3}]";
        var orders = Enumerable.Range(0, 200).Select(seed => Ids(Run("[{$sample: {size: 3}}]", input, Context(seed: seed)))).ToHashSet();

        Assert.Equal(6, orders.Count);
    }
}
