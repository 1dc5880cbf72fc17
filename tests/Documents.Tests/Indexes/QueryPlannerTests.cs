using ActorCloud.Documents.Indexes;
using ActorCloud.Documents.Query;
using ActorCloud.Documents.Sorting;
using ActorCloud.Documents.Storage;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Indexes;

/// <summary>
/// A query answers the same with indexes as without, whatever plan the planner picks: random documents (numbers,
/// strings, arrays, missing fields, nulls) under single, descending, compound and multikey indexes.
/// </summary>
public sealed class QueryPlannerTests
{
    private static readonly string[] Queries =
    [
        "{a: 5}", "{a: {$eq: 'm'}}", "{a: {$in: [1, 3, 'x', null]}}", "{a: {$gt: 3, $lt: 8}}", "{a: {$gte: 'm'}}",
        "{a: {$lt: 4}}", "{b: {$lte: 4}}", "{b: {$gt: 2}, a: {$ne: 1}}", "{a: null}", "{$and: [{a: {$gt: 2}}, {b: 3}]}",
        "{a: [1, 2]}", "{a: {$gt: 1, $lt: 3}}", "{c: {$gte: 0}}", "{a: {$exists: false}}", "{}",
        "{a: 5, b: {$gte: 3}}", "{a: 3, b: {$in: [1, 2, 7]}}", "{a: 'm', b: 4}", "{a: 2, b: {$lt: 5}, c: {$ne: 1}}",
        "{a: null, b: {$gt: 1}}", "{b: 2, d: 1}", "{d: 1, e: {$gte: 2, $lt: 6}}", "{d: {$in: [0, 2]}, e: 3}",
    ];

    private static readonly string?[] Sorts = [null, "{a: 1}", "{b: -1}", "{a: 1, b: -1}", "{b: 1}", "{e: -1}", "{d: 1, e: -1}"];

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Indexed_and_unindexed_queries_agree(int seed)
    {
        var random = new Random(seed);
        var store = new DocumentStore();
        for (var i = 0; i < 600; i++) store.Put(RandomDocument(random, i));
        var indexes = new IndexSet();
        foreach (var (name, keys) in new (string, (string, string)[])[]
                 {
                     ("a", [("a", "1")]), ("b_desc", [("b", "-1")]), ("a_b", [("a", "1"), ("b", "-1")]), ("c", [("c", "1")]),
                     ("d_e", [("d", "1"), ("e", "-1")]),
                 })
        {
            var spec = IndexSpec.Create(name, keys, unique: false);
            indexes.CheckNew(spec, store.All(), "t");
            indexes.Create(spec, store.Slots());
        }
        Assert.True(indexes.Find("a")!.IsMultikey);

        foreach (var query in Queries)
        foreach (var sortText in Sorts)
        {
            var filter = QueryFilter.Compile(BsonDocument.Parse(query));
            var sort = SortSpec.Parse(sortText is null ? null : BsonDocument.Parse(sortText));
            var plain = QueryExecutor.Find(store, filter, sort, 0, 1000);
            var indexed = QueryExecutor.Find(store, filter, sort, 0, 1000, indexes.Snapshot());
            var what = $"{query} sorted by {sortText ?? "nothing"} (plan {QueryPlanner.Plan(indexes, filter, sort).Describe})";
            Assert.True(Ids(plain).Order().SequenceEqual(Ids(indexed).Order()), $"{what}: different documents");
            if (!sort.IsEmpty)
                Assert.True(indexed.Zip(indexed.Skip(1)).All(pair => sort.Compare(pair.First, pair.Second) <= 0), $"{what}: out of order");
            Assert.Equal(QueryExecutor.Count(store, filter), QueryExecutor.Count(store, filter, indexes));
        }
    }

    [Fact]
    public void Picks_the_most_selective_index_and_orders_by_an_index()
    {
        var indexes = new IndexSet();
        foreach (var spec in new[] { IndexSpec.Create("a", [("a", "1")], false), IndexSpec.Create("b", [("b", "1")], false) })
            indexes.Create(spec, []);
        string Plan(string query, string? sort = null) => QueryPlanner.Plan(indexes, QueryFilter.Compile(BsonDocument.Parse(query)),
            SortSpec.Parse(sort is null ? null : BsonDocument.Parse(sort))).Describe;
        Assert.Equal("IXSCAN b", Plan("{a: {$gt: 1}, b: 2}"));
        Assert.Equal("IXSCAN a", Plan("{a: {$in: [1, 2]}, b: {$lt: 5}}"));
        Assert.Equal("IXSCAN b", Plan("{c: 1}", "{b: 1}"));
        Assert.Equal("COLLSCAN", Plan("{c: 1}", "{b: -1}"));
        Assert.Equal("COLLSCAN", Plan("{_id: 'x', a: 1}"));
        Assert.Equal("COLLSCAN", Plan("{a: /x/}"));
        indexes.Create(IndexSpec.Create("a_c", [("a", "1"), ("c", "-1")], false), []);
        Assert.Equal("IXSCAN a_c", Plan("{a: 1, c: {$gt: 2}}"));
        Assert.Equal("IXSCAN a_c", Plan("{a: 1}", "{c: -1}"));
    }

    private static IEnumerable<string> Ids(IEnumerable<BsonDocument> documents) => documents.Select(d => d["_id"].ToString()!);

    private static BsonDocument RandomDocument(Random random, int id)
    {
        var document = new BsonDocument("_id", id);
        BsonValue Value() => random.Next(6) switch
        {
            0 => random.Next(10),
            1 => random.Next(10) + 0.5,
            2 => ((char)('a' + random.Next(26))).ToString(),
            3 => BsonNull.Value,
            _ => random.Next(10),
        };
        if (random.Next(8) > 0) document["a"] = random.Next(5) == 0 ? new BsonArray { Value(), Value() } : Value();
        if (random.Next(8) > 0) document["b"] = random.Next(8);
        if (random.Next(2) > 0) document["c"] = Value();
        document["d"] = random.Next(3);
        if (random.Next(6) > 0) document["e"] = random.Next(8);
        return document;
    }
}
