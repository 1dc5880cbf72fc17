using ActorCloud.Documents.Aggregation;
using MongoDB.Bson;
using Xunit;
using static ActorCloud.Documents.Tests.Aggregation.AggregationCases;

namespace ActorCloud.Documents.Tests.Aggregation;

/// <summary>What a parsed pipeline tells its host before running: collections to load, the leading filter, whether it limits.</summary>
public sealed class PipelineDescriptionTests
{
    [Theory]
    [InlineData("[{$match: {a: 1}}]", "")]
    [InlineData("[{$lookup: {from: 'authors', localField: 'a', foreignField: 'b', as: 'x'}}, {$lookup: {from: 'tags', localField: 'a', foreignField: 'b', as: 'y'}}]",
        "authors,tags")]
    [InlineData("[{$lookup: {from: 'authors', localField: 'a', foreignField: 'b', as: 'x'}}, {$lookup: {from: 'authors', localField: 'c', foreignField: 'b', as: 'y'}}]",
        "authors")]
    [InlineData("[{$lookup: {from: 'a', as: 'x', pipeline: [{$lookup: {from: 'b', as: 'y', pipeline: [{$lookup: {from: 'a', localField: 'p', foreignField: 'q', as: 'z'}}]}}]}}]",
        "a,b")]
    public void Lookup_collections(string pipeline, string expected) =>
        Assert.Equal(expected, string.Join(",", AggregationPipeline.Parse(DocumentList(pipeline)).LookupCollections));

    [Theory]
    [InlineData("[{$match: {a: 1}}, {$limit: 1}]", "{a: 1}")]
    [InlineData("[{$match: {a: 1}}, {$match: {b: {$gt: 2}}}, {$sort: {a: 1}}, {$match: {c: 1}}]", "{$and: [{a: 1}, {b: {$gt: 2}}]}")]
    [InlineData("[{$geoNear: {near: [1, 2], distanceField: 'd', query: {t: 'x'}}}, {$match: {a: 1}}]", "{t: 'x'}")]
    [InlineData("[{$geoNear: {near: [1, 2], distanceField: 'd'}}]", null)]
    [InlineData("[{$sort: {a: 1}}, {$match: {a: 1}}]", null)]
    [InlineData("[]", null)]
    public void Leading_filter(string pipeline, string? expected) =>
        Assert.Equal(expected is null ? null : BsonDocument.Parse(expected), AggregationPipeline.Parse(DocumentList(pipeline)).LeadingFilter);

    [Theory]
    [InlineData("[{$match: {a: 1}}]", false)]
    [InlineData("[{$sort: {a: 1}}, {$limit: 3}]", true)]
    [InlineData("[{$lookup: {from: 'a', as: 'x', pipeline: [{$limit: 1}]}}]", false)]
    [InlineData("[{$sortByCount: '$a'}, {$skip: 1}, {$limit: 3}, {$count: 'n'}]", true)]
    public void Has_limit(string pipeline, bool expected) =>
        Assert.Equal(expected, AggregationPipeline.Parse(DocumentList(pipeline)).HasLimit);

    [Fact]
    public void An_empty_pipeline_passes_documents_through()
    {
        Check("[]", "[{_id: 1}, {_id: 2}]", "[{_id: 1}, {_id: 2}]");
    }

    [Fact]
    public void A_parsed_pipeline_runs_many_times()
    {
        var pipeline = AggregationPipeline.Parse(DocumentList("[{$match: {a: {$gte: 2}}}, {$sort: {a: -1}}, {$project: {_id: 0, a: 1}}]"));

        Assert.Equal(Json(DocumentList("[{a: 3}, {a: 2}]")), Json(pipeline.Run(DocumentList("[{a: 1}, {a: 2}, {a: 3}]"), Context())));
        Assert.Equal(Json(DocumentList("[{a: 5}]")), Json(pipeline.Run(DocumentList("[{a: 5}, {a: 0}]"), Context())));
    }

    [Fact]
    public void The_CloudBase_captured_request_runs()
    {
        const string pipeline = """
            [{$match: {category: 'web', price: {$gt: 10}}},
             {$group: {_id: '$category', avg: {$avg: '$price'}, n: {$sum: 1}, aid: {$first: '$aid'}}},
             {$sort: {avg: -1}}, {$skip: 0}, {$limit: 5},
             {$lookup: {from: 'authors', localField: 'aid', foreignField: '_id', as: 'au'}},
             {$unwind: '$au'}, {$count: 'total'}]
            """;
        const string books = "[{category: 'web', price: 20, aid: 1}, {category: 'web', price: 30, aid: 2}, {category: 'os', price: 50, aid: 1}]";

        Check(pipeline, books, "[{total: 1}]", Context(new Dictionary<string, string> { ["authors"] = "[{_id: 1, name: 'Ann'}]" }));
    }
}
