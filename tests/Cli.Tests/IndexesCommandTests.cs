using ActorCloud.Cli.Tests.Support;

namespace ActorCloud.Cli.Tests;

/// <summary><c>actorcloud indexes list|create|drop|explain</c> against the real host.</summary>
public sealed class IndexesCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Create_list_explain_and_drop()
    {
        await server.AdminAsync(new { action = "database.addCollection", collectionName = "shelf" });
        await server.AdminAsync(new
        {
            action = "database.insertDocument", collectionName = "shelf",
            data = new[] { """{"_id":"a","sku":1,"year":1951}""", """{"_id":"b","sku":2,"year":1848}""" },
        });

        var created = await server.RunAsync("indexes", "create", "shelf", "sku_year", "sku:1", "year:-1", "--unique");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal("created index sku_year on shelf", created.Out.Trim());

        var listed = await server.RunAsync("indexes", "list", "shelf");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Equal(["_id_\t{_id: 1} unique", "sku_year\t{sku: 1, year: -1} unique 2 entries"],
            listed.Out.Trim().Split('\n').Select(l => l.TrimEnd()));

        var explained = await server.RunAsync("indexes", "explain", "shelf", """{"sku": 2}""");
        Assert.True(explained.ExitCode == 0, explained.ToString());
        Assert.Equal("IXSCAN sku_year: read 1, returned 1", explained.Out.Trim());

        var dropped = await server.RunAsync("indexes", "drop", "shelf", "sku_year");
        Assert.True(dropped.ExitCode == 0, dropped.ToString());
        Assert.Equal("COLLSCAN: read 2, returned 1", (await server.RunAsync("indexes", "explain", "shelf", """{"sku": 2}""")).Out.Trim());
    }

    [Fact]
    public async Task A_malformed_key_is_bad_usage_and_a_refused_index_exits_1()
    {
        await server.AdminAsync(new { action = "database.addCollection", collectionName = "dups" });
        await server.AdminAsync(new
        {
            action = "database.insertDocument", collectionName = "dups", data = new[] { """{"k":1}""", """{"k":1}""" },
        });

        Assert.Equal(2, (await server.RunAsync("indexes", "create", "dups", "k", "k:up")).ExitCode);
        var refused = await server.RunAsync("indexes", "create", "dups", "k", "k:1", "--unique");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("duplicate key", refused.Error);
        Assert.Equal("_id_\t{_id: 1} unique", (await server.RunAsync("indexes", "list", "dups")).Out.Trim());
    }
}
