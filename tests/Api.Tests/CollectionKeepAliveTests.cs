using ActorCloud.Actors.Collections;
using ActorCloud.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ActorCloud.Api.Tests;

/// <summary>
/// A collection that is only read stays alive: queries answered from its published view tell its entity it is in use,
/// so it is not passivated (and reloaded from the journal) while readers keep coming.
/// </summary>
public sealed class CollectionKeepAliveTests
{
    [Fact]
    public async Task A_collection_read_without_pause_is_not_passivated()
    {
        await using var host = await TestHost.StartAsync(null, "--ActorCloud:Collections:PassivateIdleAfter", "00:00:02");
        try
        {
            await host.CallAsync(new { action = "database.addCollection", collectionName = "busy" });
            await host.CallAsync(new { action = "database.insertDocument", collectionName = "busy", data = new[] { """{"n":1}""" } });
            await ReadAsync(host);
            var views = host.Services.GetRequiredService<CollectionViews>();
            Assert.True(views.TryGet(TestHost.Env + "/busy", out var published));

            var until = DateTime.UtcNow + TimeSpan.FromSeconds(7);
            while (DateTime.UtcNow < until)
            {
                await ReadAsync(host);
                await Task.Delay(100);
            }

            Assert.True(views.TryGet(TestHost.Env + "/busy", out var now), "the collection's entity stopped");
            Assert.Same(published, now);
        }
        finally
        {
            host.DeleteData();
        }
    }

    private static async Task ReadAsync(TestHost host)
    {
        var reply = await host.CallAsync(new { action = "database.getDocument", collectionName = "busy", query = """{"n":{"$gte":0}}""" });
        Assert.Equal(1, reply.GetProperty("data").GetProperty("list").GetArrayLength());
    }
}
