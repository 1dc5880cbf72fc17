using System.Diagnostics;
using ActorCloud.Documents.Query;
using MongoDB.Bson;
using Xunit;
using Xunit.Abstractions;

namespace ActorCloud.Documents.Tests.Query;

public sealed class QueryFilterScanTests(ITestOutputHelper output)
{
    [Fact]
    public void Compiled_once_query_scans_100000_documents()
    {
        var categories = new[] { "web", "db", "ops", "ml" };
        var docs = new List<BsonDocument>(100_000);
        for (var i = 0; i < 100_000; i++)
        {
            docs.Add(new BsonDocument
            {
                { "_id", $"doc-{i:D8}" },
                { "_openid", $"o{i % 100}" },
                { "title", $"Title number {i} with some padding text" },
                { "category", categories[i % 4] },
                { "price", i % 200 },
                { "done", i % 3 == 0 },
                { "tags", new BsonArray { "t" + (i % 7), "common" } },
                { "meta", new BsonDocument { { "views", i }, { "rating", (i % 50) / 10.0 } } },
                { "created", new BsonDateTime(1704067200000 + i * 1000L) },
            });
        }
        var filter = QueryFilter.Compile(BsonDocument.Parse("""{"category":"web","price":{"$gt":100}}"""));
        var expected = 0;
        for (var i = 0; i < 100_000; i++)
        {
            if (i % 4 == 0 && i % 200 > 100) expected++;
        }

        var count = Count(filter, docs);
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            count = Count(filter, docs);
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }

        Assert.Equal(expected, count);
        output.WriteLine($"100000 docs (~{docs[0].ToBson().Length} bytes each), 2 conditions: {count} matches, best of 5 scans {best.TotalMilliseconds:F2} ms");
    }

    private static int Count(QueryFilter filter, List<BsonDocument> docs)
    {
        var count = 0;
        foreach (var doc in docs)
        {
            if (filter.Matches(doc)) count++;
        }
        return count;
    }
}
