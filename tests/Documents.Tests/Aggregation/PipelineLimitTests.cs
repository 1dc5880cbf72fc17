using ActorCloud.Documents.Aggregation;
using MongoDB.Bson;
using Xunit;
using static ActorCloud.Documents.Tests.Aggregation.AggregationCases;

namespace ActorCloud.Documents.Tests.Aggregation;

/// <summary>
/// Streaming stages read no further than their output needs (they finish over an endless source), and blocking
/// stages fail at their bounds instead of growing with the input.
/// </summary>
public sealed class PipelineLimitTests
{
    private sealed class EndlessSource
    {
        public long Pulled { get; private set; }

        public IEnumerable<BsonDocument> Documents()
        {
            for (var i = 0L; ; i++)
            {
                Pulled++;
                var v = (int)(i % 7);
                yield return new BsonDocument
                {
                    { "_id", i }, { "v", v }, { "arr", new BsonArray { i, i + 1 } }, { "aid", (int)(i % 3) }, { "loc", new BsonArray { v, v } },
                };
            }
        }
    }

    [Theory]
    [InlineData("[{$limit: 5}]", 5)]
    [InlineData("[{$match: {v: {$lt: 2}}}, {$limit: 3}]", 8)]
    [InlineData("[{$addFields: {w: {$multiply: ['$v', 2]}}}, {$set: {x: 1}}, {$project: {arr: 0}}, {$replaceRoot: {newRoot: '$$ROOT'}}, {$replaceWith: '$$ROOT'}, {$limit: 4}]", 4)]
    [InlineData("[{$unwind: '$arr'}, {$skip: 3}, {$limit: 4}]", 4)]
    [InlineData("[{$lookup: {from: 'authors', localField: 'aid', foreignField: '_id', as: 'au'}}, {$unwind: '$au'}, {$limit: 3}]", 5)]
    [InlineData("[{$lookup: {from: 'authors', let: {a: '$aid'}, pipeline: [{$match: {$expr: {$eq: ['$_id', '$$a']}}}], as: 'au'}}, {$limit: 3}]", 3)]
    [InlineData("[{$match: {$expr: {$eq: ['$v', 6]}}}, {$project: {_id: 1}}, {$limit: 2}]", 14)]
    public void Streaming_pipelines_stop_reading_an_endless_source(string pipeline, int expectedPulls)
    {
        var source = new EndlessSource();
        var context = Context(new Dictionary<string, string> { ["authors"] = "[{_id: 1}, {_id: 2}]" });

        var results = AggregationPipeline.Parse(DocumentList(pipeline)).Run(source.Documents(), context);
        Assert.Equal(0, source.Pulled);
        var count = results.Count();

        Assert.True(count > 0);
        Assert.Equal(expectedPulls, source.Pulled);
    }

    [Theory]
    [InlineData("[{$group: {_id: '$_id'}}]")]
    [InlineData("[{$sortByCount: '$_id'}]")]
    [InlineData("[{$bucket: {groupBy: '$_id', boundaries: [0, 1000000000000], output: {all: {$push: '$$ROOT'}}}}]")]
    [InlineData("[{$group: {_id: null, all: {$push: '$$ROOT'}}}]")]
    [InlineData("[{$group: {_id: null, all: {$addToSet: '$_id'}}}]")]
    [InlineData("[{$group: {_id: '$v', all: {$mergeObjects: {$arrayToObject: [[[{$toString: '$_id'}, 1]]]}}}}]")]
    [InlineData("[{$sort: {v: 1}}]")]
    [InlineData("[{$sort: {v: 1}}, {$limit: 100000000}]")]
    [InlineData("[{$bucketAuto: {groupBy: '$v', buckets: 3}}]")]
    [InlineData("[{$geoNear: {near: [0, 0], distanceField: 'd', key: 'loc'}}]")]
    [InlineData("[{$sample: {size: 1000000000}}]")]
    public void Blocking_stages_fail_at_their_bound_over_an_endless_source(string pipeline)
    {
        var limits = new AggregationLimits(MaxGroups: 1_000, MaxBufferedBytes: 256 * 1024);

        FailsWhileRunning(pipeline, new EndlessSource().Documents(), ErrorCodes.DatabaseRequestFailed, limits);
    }

    [Fact]
    public void Group_names_the_limit_on_distinct_keys()
    {
        var error = FailsWhileRunning("[{$group: {_id: '$_id'}}]", new EndlessSource().Documents(), ErrorCodes.DatabaseRequestFailed,
            new AggregationLimits(MaxGroups: 10));

        Assert.Contains("$group", error.Message);
        Assert.Contains("10 distinct groups", error.Message);
    }

    [Fact]
    public void Groups_within_the_limit_pass()
    {
        var limits = new AggregationLimits(MaxGroups: 7);

        var groups = Run("[{$limit: 1000}, {$group: {_id: '$v', n: {$sum: 1}}}]", new EndlessSource().Documents(), limits: limits);

        Assert.Equal(7, groups.Count);
    }

    [Fact]
    public void Count_holds_nothing()
    {
        var limits = new AggregationLimits(MaxBufferedBytes: 1);

        Assert.Equal(50_000, Run("[{$limit: 50000}, {$count: 'n'}]", new EndlessSource().Documents(), limits: limits).Single()["n"].AsInt32);
    }

    [Fact]
    public void Pipelines_too_long_or_nested_too_deep_are_refused()
    {
        Refused("[{$skip: 0}, {$skip: 0}, {$skip: 0}]", ErrorCodes.InvalidParam, new AggregationLimits(MaxStages: 2));
        const string nested = "[{$lookup: {from: 'a', as: 'x', pipeline: [{$lookup: {from: 'b', as: 'y', pipeline: [{$lookup: {from: 'c', as: 'z', pipeline: []}}]}}]}}]";
        Refused(nested, ErrorCodes.InvalidParam, new AggregationLimits(MaxLookupDepth: 2));
        AggregationPipeline.Parse(DocumentList(nested), new AggregationLimits(MaxLookupDepth: 3));
    }
}
