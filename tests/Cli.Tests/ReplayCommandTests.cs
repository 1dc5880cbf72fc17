using ActorCloud.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ActorCloud.Cli.Tests;

/// <summary><c>actorcloud replay</c> and <c>actorcloud stats</c> against the real host and its SQLite journal.</summary>
public sealed class ReplayCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Replay_verifies_a_collection_rebuilds_its_snapshot_and_names_documents_its_history_no_longer_explains()
    {
        await server.AdminAsync(new { action = "database.addCollection", collectionName = "audited" });
        foreach (var id in new[] { "a", "b", "c" })
            await server.AdminAsync(new { action = "database.insertDocument", collectionName = "audited", data = new[] { $$"""{"_id":"{{id}}","n":1}""" } });
        await server.AdminAsync(new { action = "database.modifyDocument", collectionName = "audited", query = """{"_id":"b"}""", data = """{"$set":{"n":2}}""", multi = false });
        await server.AdminAsync(new { action = "database.removeDocument", collectionName = "audited", query = """{"_id":"c"}""", multi = true });

        var verified = await server.RunAsync("replay", "audited");
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.StartsWith("audited\tmatch\t6 events\t", verified.Out);
        Assert.Contains("from snapshot 0", verified.Out);

        var rebuilt = await server.RunAsync("replay", "audited", "--rebuild-snapshot");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        Assert.Contains("new snapshot at 6", rebuilt.Out);

        var stats = await server.RunAsync("stats", "audited");
        Assert.True(stats.ExitCode == 0, stats.ToString());
        Assert.StartsWith("audited\t6\t6\t0\t2\t", stats.Out.Split('\n')[1]);

        // History that no longer explains the live state: the event that inserted "a" is gone from the journal.
        await using (var journal = new SqliteConnection($"Data Source={Path.Combine(server.Data, "journal.db")};Pooling=false"))
        {
            await journal.OpenAsync();
            await using var delete = journal.CreateCommand();
            delete.CommandText = "DELETE FROM journal WHERE persistence_id = 'collection-test-env/audited' AND sequence_number = 2";
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }
        var mismatch = await server.RunAsync("replay", "audited");
        Assert.Equal(1, mismatch.ExitCode);
        Assert.StartsWith("audited\tMISMATCH\t", mismatch.Out);
        var difference = Assert.Single(mismatch.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("  "));
        Assert.Matches("""^  "a": live [0-9a-f]{12}, replayed absent, recovered [0-9a-f]{12}$""", difference);
        Assert.Contains("1 of 1 collections do not match", mismatch.Error);
    }

    [Fact]
    public async Task Replay_of_a_missing_collection_is_refused()
    {
        var refused = await server.RunAsync("replay", "nowhere");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("DATABASE_COLLECTION_NOT_EXIST", refused.Error);
    }
}
