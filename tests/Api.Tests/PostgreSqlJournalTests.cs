using ActorCloud.Api.Tests.Support;
using ActorCloud.Persistence.Journal;
using ActorCloud.Testing.Processes;
using Npgsql;

namespace ActorCloud.Api.Tests;

/// <summary>
/// The journal and snapshots on a real PostgreSQL (a private server per test): the schema step is safe when several
/// nodes run it at once on an empty database, a host on PostgreSQL keeps documents, indexes and snapshots across a
/// restart with nothing of the journal in its own data folder, and a PostgreSQL outage fails writes clearly, loses
/// nothing acknowledged and applies nothing refused.
/// </summary>
public sealed class PostgreSqlJournalTests
{
    [Fact]
    public async Task Nodes_creating_the_schema_at_once_on_an_empty_database_all_succeed()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync("race");

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostgreSqlSchema.CreateAsync(database))));

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var tables = new NpgsqlCommand(
            "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'public'", connection);
        Assert.Equal("journal,snapshot,tags", await tables.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_host_on_postgresql_keeps_documents_and_indexes_across_a_restart()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync("actorcloud");
        string[] args = ["--journal", "postgresql", "--journal-connection", database, "--snapshot-every", "5"];
        await using (var host = await TestHost.StartAsync(null, args))
        {
            await host.CallAsync(new { action = "database.addCollection", collectionName = "books" });
            for (var i = 0; i < 12; i++)
            {
                var inserted = await host.CallAsync(new
                {
                    action = "database.insertDocument", collectionName = "books", data = new[] { "{\"_id\":\"b" + i + "\",\"isbn\":\"978-" + i + "\",\"n\":{\"$numberInt\":\"" + i + "\"}}" },
                });
                Assert.False(inserted.TryGetProperty("code", out _), inserted.ToString());
            }
            var indexed = await host.CallAsync(IndexCalls.Create("books", "isbn", unique: true));
            Assert.False(indexed.TryGetProperty("code", out _), indexed.ToString());
            await host.CallAsync(new
            {
                action = "database.modifyDocument", collectionName = "books", query = """{"_id":"b3"}""", queryType = "DOC",
                data = """{"$set":{"n":{"$numberInt":"300"}}}""",
            });
            host.DeleteData();
        }

        await using (var host = await TestHost.StartAsync(null, args))
        {
            try
            {
                var count = await host.CallAsync(new { action = "database.calculateDocument", collectionName = "books", query = "{}" });
                Assert.Equal(12, count.GetProperty("data").GetProperty("total").GetInt32());
                var b3 = await host.CallAsync(new { action = "database.getDocument", collectionName = "books", query = """{"_id":"b3"}""", queryType = "DOC" });
                Assert.Contains("300", b3.GetProperty("data").GetProperty("list")[0].GetString());
                var duplicate = await host.CallAsync(new { action = "database.insertDocument", collectionName = "books", data = new[] { """{"isbn":"978-5"}""" } });
                Assert.Contains("duplicate key", duplicate.GetProperty("message").GetString());
            }
            finally
            {
                host.DeleteData();
            }
        }

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var snapshots = new NpgsqlCommand("SELECT count(*) FROM snapshot WHERE persistence_id LIKE 'collection-%'", connection);
        Assert.True((long)(await snapshots.ExecuteScalarAsync())! > 0, "collection snapshots are stored in PostgreSQL");
    }

    [Fact]
    public async Task Writes_fail_clearly_while_postgresql_is_down_and_resume_after_with_nothing_acknowledged_lost()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync("outage");
        await using var host = await TestHost.StartAsync(null, "--journal", "postgresql", "--journal-connection", database);
        try
        {
            await host.CallAsync(new { action = "database.addCollection", collectionName = "ledger" });
            var acknowledged = new List<string>();
            async Task<bool> InsertAsync(string id)
            {
                var reply = await host.CallAsync(new { action = "database.insertDocument", collectionName = "ledger", data = new[] { $$"""{"_id":"{{id}}"}""" } });
                if (reply.TryGetProperty("code", out var code))
                {
                    Assert.Equal("SYS_ERR", code.GetString());
                    return false;
                }
                acknowledged.Add(id);
                return true;
            }
            for (var i = 0; i < 5; i++) Assert.True(await InsertAsync($"before-{i}"));

            await postgres.StopAsync();
            for (var i = 0; i < 2; i++) Assert.False(await InsertAsync($"during-{i}"), "a write while the journal is down is refused");

            await postgres.RestartAsync();
            await Eventually.AssertAsync(async () => Assert.True(await InsertAsync($"after-{Guid.NewGuid():N}")), TimeSpan.FromSeconds(60));
            for (var i = 0; i < 5; i++) Assert.True(await InsertAsync($"after-{i}"));

            var listed = await host.CallAsync(new { action = "database.getDocument", collectionName = "ledger", query = "{}", limit = 1000 });
            var ids = listed.GetProperty("data").GetProperty("list").EnumerateArray()
                .Select(d => MongoDB.Bson.BsonDocument.Parse(d.GetString()!)["_id"].AsString).ToList();
            Assert.Equal(acknowledged.Order(), ids.Order());
        }
        finally
        {
            host.DeleteData();
        }
    }
}
