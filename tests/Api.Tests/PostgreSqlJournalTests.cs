using ActorCloud.Api.Tests.Support;
using ActorCloud.Persistence.Journal;
using Npgsql;

namespace ActorCloud.Api.Tests;

/// <summary>
/// The journal and snapshots on a real PostgreSQL (a private server per test): the schema step is safe when several
/// nodes run it at once on an empty database, and a host on PostgreSQL keeps documents, indexes and snapshots across a
/// restart with nothing of the journal in its own data folder.
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
}
