using ActorCloud.Documents.Aggregation;
using MongoDB.Bson;
using Xunit;
using static ActorCloud.Documents.Tests.Aggregation.AggregationCases;

namespace ActorCloud.Documents.Tests.Aggregation;

/// <summary>One case a line: pipeline, input, expected output, joined against the collections below.</summary>
public sealed class LookupStageTests
{
    private static readonly Dictionary<string, string> Collections = new()
    {
        ["authors"] = "[{_id: 1, name: 'Ann'}, {_id: 2, name: 'Bob'}, {_id: 3, name: 'Cy', langs: ['zh', 'en']}, {_id: 4, name: 'Di', langs: ['en'], boss: {id: 3}}]",
        ["langs"] = "[{code: 'zh', n: 'Chinese'}, {code: 'en', n: 'English'}, {code: 'fr', n: 'French'}]",
    };

    [Theory]
    [InlineData("{from: 'authors', localField: 'aid', foreignField: '_id', as: 'au'}",
        "[{_id: 'b1', aid: 1}, {_id: 'b2', aid: 3.0}, {_id: 'b3', aid: 9}]",
        "[{_id: 'b1', aid: 1, au: [{_id: 1, name: 'Ann'}]}, {_id: 'b2', aid: 3.0, au: [{_id: 3, name: 'Cy', langs: ['zh', 'en']}]}, {_id: 'b3', aid: 9, au: []}]")]
    // A local array matches any of its values; each foreign document once, in collection order.
    [InlineData("{from: 'authors', localField: 'aids', foreignField: '_id', as: 'au'}", "[{_id: 'b4', aids: [2, 1, 2]}]",
        "[{_id: 'b4', aids: [2, 1, 2], au: [{_id: 1, name: 'Ann'}, {_id: 2, name: 'Bob'}]}]")]
    [InlineData("{from: 'authors', localField: 'aids', foreignField: '_id', as: 'au'}", "[{_id: 'b5', aids: []}]", "[{_id: 'b5', aids: [], au: []}]")]
    [InlineData("{from: 'authors', localField: 'items.aid', foreignField: '_id', as: 'au'}", "[{_id: 'b6', items: [{aid: 2}, {aid: 4}, {x: 1}]}]",
        "[{_id: 'b6', items: [{aid: 2}, {aid: 4}, {x: 1}], au: [{_id: 2, name: 'Bob'}, {_id: 4, name: 'Di', langs: ['en'], boss: {id: 3}}]}]")]
    // A foreign array matches by any element; a foreign path reaches into sub-documents.
    [InlineData("{from: 'authors', localField: 'lang', foreignField: 'langs', as: 'speakers'}", "[{_id: 'q', lang: 'en'}]",
        "[{_id: 'q', lang: 'en', speakers: [{_id: 3, name: 'Cy', langs: ['zh', 'en']}, {_id: 4, name: 'Di', langs: ['en'], boss: {id: 3}}]}]")]
    [InlineData("{from: 'authors', localField: '_id', foreignField: 'boss.id', as: 'team'}", "[{_id: 3}]",
        "[{_id: 3, team: [{_id: 4, name: 'Di', langs: ['en'], boss: {id: 3}}]}]")]
    // A missing local value matches foreign documents where the field is null or missing.
    [InlineData("{from: 'authors', localField: 'lang', foreignField: 'langs', as: 'none'}", "[{_id: 'n'}]",
        "[{_id: 'n', none: [{_id: 1, name: 'Ann'}, {_id: 2, name: 'Bob'}]}]")]
    [InlineData("{from: 'authors', localField: 'aid', foreignField: '_id', as: 'x.au'}", "[{_id: 'b1', aid: 2, x: {y: 1}}]",
        "[{_id: 'b1', aid: 2, x: {y: 1, au: [{_id: 2, name: 'Bob'}]}}]")]
    [InlineData("{from: 'authors', localField: 'aid', foreignField: '_id', as: 'aid'}", "[{_id: 'b1', aid: 2}]",
        "[{_id: 'b1', aid: [{_id: 2, name: 'Bob'}]}]")]
    [InlineData("{from: 'missing', localField: 'aid', foreignField: '_id', as: 'au'}", "[{_id: 'b1', aid: 2}]", "[{_id: 'b1', aid: 2, au: []}]")]
    // The pipeline form: let values as $$variables, uncorrelated sub-pipelines, and both forms together.
    [InlineData("{from: 'authors', let: {lang: '$lang'}, pipeline: [{$match: {$expr: {$in: ['$$lang', {$ifNull: ['$langs', []]}]}}}, {$project: {_id: 0, name: 1}}], as: 'speakers'}",
        "[{_id: 1, lang: 'en'}, {_id: 2, lang: 'fr'}]", "[{_id: 1, lang: 'en', speakers: [{name: 'Cy'}, {name: 'Di'}]}, {_id: 2, lang: 'fr', speakers: []}]")]
    [InlineData("{from: 'authors', pipeline: [{$count: 'n'}], as: 'c'}", "[{_id: 1}, {_id: 2}]", "[{_id: 1, c: [{n: 4}]}, {_id: 2, c: [{n: 4}]}]")]
    [InlineData("{from: 'authors', localField: 'aid', foreignField: '_id', pipeline: [{$project: {_id: 0, name: 1}}], as: 'au'}", "[{_id: 'b', aid: 1}]",
        "[{_id: 'b', aid: 1, au: [{name: 'Ann'}]}]")]
    [InlineData("{from: 'authors', let: {min: '$min'}, pipeline: [{$match: {$or: [{$expr: {$gte: ['$_id', '$$min']}}, {name: 'Ann'}]}}, {$group: {_id: null, ids: {$push: '$_id'}}}], as: 'g'}",
        "[{_id: 'x', min: 3}]", "[{_id: 'x', min: 3, g: [{_id: null, ids: [1, 3, 4]}]}]")]
    [InlineData("{from: 'authors', let: {who: '$who'}, pipeline: [{$addFields: {asked: '$$who', me: '$$ROOT.name'}}, {$limit: 1}, {$project: {_id: 0, asked: 1, me: 1}}], as: 'r'}",
        "[{_id: 'x', who: {n: 1}}, {_id: 'y'}]", "[{_id: 'x', who: {n: 1}, r: [{asked: {n: 1}, me: 'Ann'}]}, {_id: 'y', r: [{me: 'Ann'}]}]")]
    // An inner lookup without let of its own still sees the outer let.
    [InlineData("{from: 'langs', let: {l: '$lang'}, as: 'info', pipeline: [{$lookup: {from: 'authors', as: 'who', pipeline: [{$match: {$expr: {$in: ['$$l', {$ifNull: ['$langs', []]}]}}}, {$project: {_id: 0, name: 1}}]}}, {$match: {$expr: {$eq: ['$code', '$$l']}}}, {$project: {_id: 0, n: 1, who: 1}}]}",
        "[{_id: 1, lang: 'zh'}, {_id: 2, lang: 'en'}]",
        "[{_id: 1, lang: 'zh', info: [{n: 'Chinese', who: [{name: 'Cy'}]}]}, {_id: 2, lang: 'en', info: [{n: 'English', who: [{name: 'Cy'}, {name: 'Di'}]}]}]")]
    public void Lookup(string spec, string input, string expected) => Check($"[{{$lookup: {spec}}}]", input, expected, Context(Collections));

    [Fact]
    public void Nested_sub_pipelines_see_the_variables_of_every_enclosing_lookup()
    {
        const string pipeline = """
            [{$lookup: {from: 'authors', let: {a: '$aid'}, as: 'au', pipeline: [
                {$match: {$expr: {$eq: ['$_id', '$$a']}}},
                {$lookup: {from: 'langs', let: {ls: '$langs'}, as: 'spoken', pipeline: [
                    {$match: {$expr: {$and: [{$in: ['$code', '$$ls']}, {$eq: ['$$a', 3]}]}}},
                    {$project: {_id: 0, n: 1}}]}},
                {$project: {_id: 0, name: 1, spoken: 1}}]}}]
            """;

        Check(pipeline, "[{_id: 'b', aid: 3}, {_id: 'c', aid: 4}]",
            "[{_id: 'b', aid: 3, au: [{name: 'Cy', spoken: [{n: 'Chinese'}, {n: 'English'}]}]}, {_id: 'c', aid: 4, au: [{name: 'Di', spoken: []}]}]",
            Context(Collections));
    }

    [Fact]
    public void Lookup_joins_each_document_as_it_streams_by()
    {
        var fetched = 0;
        var context = new AggregationContext(name => { fetched++; return DocumentList(Collections[name]); }, new Random(1));

        var result = Run("[{$lookup: {from: 'authors', localField: 'aid', foreignField: '_id', as: 'au'}}, {$limit: 2}]",
            "[{aid: 1}, {aid: 2}, {aid: 3}]", context);

        Assert.Equal(2, result.Count);
        Assert.Equal(1, fetched);
    }

    [Fact]
    public void Lookup_bounds_what_it_gathers_for_one_document()
    {
        var big = new BsonArray(Enumerable.Range(0, 200).Select(i => new BsonDocument { { "k", 1 }, { "pad", new string('x', 100) } }));
        var context = new AggregationContext(_ => big.Select(v => v.AsBsonDocument), new Random(1));

        var error = FailsWhileRunning("[{$lookup: {from: 'big', localField: 'k', foreignField: 'k', as: 'all'}}]",
            DocumentList("[{k: 1}]"), ErrorCodes.DatabaseRequestFailed, new AggregationLimits(MaxBufferedBytes: 10_000), context);

        Assert.Contains("$lookup", error.Message);
    }
}
