using ActorCloud.Api.Tests.Support;
using MongoDB.Bson;

namespace ActorCloud.Api.Tests;

/// <summary>
/// A collection bigger than its memory budget (<c>--memory-budget-mb 1</c>): its coldest documents live in a spill file
/// under the data folder, every read and write works as before, with and without an index, the file goes away when the host stops, and the
/// collection recovers from the journal into a new one.
/// </summary>
public sealed class CollectionSpillTests
{
    private const int Documents = 12_000;

    [Fact]
    public async Task A_collection_past_its_memory_budget_spills_and_answers_as_before()
    {
        var data = Directory.CreateTempSubdirectory("actorcloud-spill-").FullName;
        var spill = Path.Combine(data, "spill");
        string[] args = ["--memory-budget-mb", "1"];
        await using (var host = await TestHost.StartAsync(data, args))
        {
            await host.CallAsync(new { action = "database.addCollection", collectionName = "big" });
            for (var batch = 0; batch < Documents / 1000; batch++)
            {
                var documents = Enumerable.Range(batch * 1000, 1000)
                    .Select(i => $$"""{"_id":"d{{i}}","n":{"$numberInt":"{{i % 100}}"},"text":"{{new string('t', 150)}}"}""").ToArray();
                var inserted = await host.CallAsync(new { action = "database.insertDocument", collectionName = "big", data = documents });
                Assert.False(inserted.TryGetProperty("code", out _), inserted.ToString());
            }
            Assert.Single(Directory.GetFiles(spill));
            await AnswersAsync(host, updated: false);
            var indexed = await host.CallAsync(IndexCalls.Create("big", "n", unique: false));
            Assert.False(indexed.TryGetProperty("code", out _), indexed.ToString());
            await AnswersAsync(host, updated: false);

            var update = await host.CallAsync(new
            {
                action = "database.modifyDocument", collectionName = "big", query = """{"_id":"d5"}""", queryType = "DOC",
                data = """{"$set":{"n":{"$numberInt":"1000"}}}""",
            });
            Assert.Equal(1, update.GetProperty("data").GetProperty("updated").GetInt32());
            await AnswersAsync(host, updated: true);
        }
        Assert.Empty(Directory.GetFiles(spill));

        await using (var host = await TestHost.StartAsync(data, args))
        {
            try
            {
                await AnswersAsync(host, updated: true);
                Assert.Single(Directory.GetFiles(spill));
            }
            finally
            {
                host.DeleteData();
            }
        }
    }

    private static async Task AnswersAsync(TestHost host, bool updated)
    {
        Assert.Equal(Documents, (await host.CallAsync(new { action = "database.calculateDocument", collectionName = "big", query = "{}" }))
            .GetProperty("data").GetProperty("total").GetInt32());
        var five = await Get(host, """{"n":{"$numberInt":"5"}}""", 1000);
        Assert.Equal(updated ? 119 : 120, five.Count);
        Assert.All(five, d => Assert.Equal(5, d["n"].ToInt32()));
        Assert.Equal(updated ? 1000 : 5, Assert.Single(await Get(host, """{"_id":"d5"}""", 1))["n"].ToInt32());
        Assert.Equal(updated ? 121 : 120, (await Get(host, """{"n":{"$gte":{"$numberInt":"99"}}}""", 1000)).Count);
    }

    private static async Task<List<BsonDocument>> Get(TestHost host, string query, int limit)
    {
        var reply = await host.CallAsync(new { action = "database.getDocument", collectionName = "big", query, limit });
        Assert.False(reply.TryGetProperty("code", out _), reply.ToString());
        return [.. reply.GetProperty("data").GetProperty("list").EnumerateArray().Select(d => BsonDocument.Parse(d.GetString()!))];
    }
}
