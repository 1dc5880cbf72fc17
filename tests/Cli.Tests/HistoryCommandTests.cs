using System.Text.Json;
using ActorCloud.Cli.Tests.Support;

namespace ActorCloud.Cli.Tests;

/// <summary><c>actorcloud history</c> and <c>actorcloud restore</c> against the real host.</summary>
public sealed class HistoryCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task History_prints_one_json_line_per_event_and_restore_undoes_a_remove()
    {
        await server.AdminAsync(new { action = "database.addCollection", collectionName = "shelf" });
        await server.AdminAsync(new { action = "database.insertDocument", collectionName = "shelf", data = new[] { """{"_id":"a"}""", """{"_id":"b"}""" } });
        await server.AdminAsync(new { action = "database.removeDocument", collectionName = "shelf", query = """{"_id":"a"}""", multi = true });

        var history = await server.RunAsync("history", "shelf");
        Assert.True(history.ExitCode == 0, history.ToString());
        var lines = history.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["create", "insert", "remove"], lines.Select(l => l.GetProperty("op").GetString()));
        var oneDoc = await server.RunAsync("history", "shelf", "--doc", "b");
        Assert.Single(oneDoc.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var restore = await server.RunAsync("restore", "shelf", "--seq", "2");
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Equal("shelf: as of event 2 — 1 inserted, 0 replaced, 0 removed", restore.Out.Trim());
        var fork = await server.RunAsync("restore", "shelf", "--seq", "1", "--into", "shelf_empty");
        Assert.Contains("0 inserted", fork.Out);
        Assert.Equal("insert", JsonDocument.Parse((await server.RunAsync("history", "shelf", "--from", "4")).Out).RootElement.GetProperty("op").GetString());
    }

    [Fact]
    public async Task Bad_usage_and_refusals_exit_as_usual()
    {
        Assert.Equal(2, (await server.RunAsync("restore", "shelf")).ExitCode);
        Assert.Equal(2, (await server.RunAsync("restore", "shelf", "--seq", "1", "--time", "2020-01-01")).ExitCode);
        var refused = await server.RunAsync("history", "nope", "--from", "x");
        Assert.Equal(2, refused.ExitCode);
        var unknown = await server.RunAsync("restore", "missing", "--seq", "1", "--into", "x");
        Assert.Equal(1, unknown.ExitCode);
    }
}
