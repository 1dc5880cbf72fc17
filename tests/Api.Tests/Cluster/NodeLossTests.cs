using System.Text.Json;
using ActorCloud.Api.Tests.Support;
using Xunit.Abstractions;

namespace ActorCloud.Api.Tests.Cluster;

/// <summary>
/// A node of three killed with SIGKILL under a write load from the real node-sdk spread over all nodes: afterwards
/// every acknowledged write is present exactly once and unchanged, no write is applied twice, and the collections
/// the dead node held serve again from the survivors.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class NodeLossTests(ClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_coordinators_node_under_load_loses_no_acknowledged_write()
    {
        await fixture.HealAsync();
        var cluster = fixture.Cluster;
        var oldest = Oldest(await Health(cluster.Nodes[1].Url));
        var victim = cluster.Nodes.Single(n => n.RemotingAddress == oldest);
        var ledger = Path.Combine(Path.GetTempPath(), $"ledger-{Guid.NewGuid():N}.json");
        var environment = new Dictionary<string, string>(fixture.SdkEnvironment(cluster.Nodes)) { ["DURATION_MS"] = "25000" };
        var load = NodeRunner.RunAsync(RepoPaths.Of("tests", "node"), ["cluster/ledger.mjs", "load", ledger], TimeSpan.FromMinutes(3), environment);

        await Eventually.FileAsync(ledger + ".loading", TimeSpan.FromSeconds(60), load);
        await Task.Delay(TimeSpan.FromSeconds(5));
        victim.Kill();
        output.WriteLine($"killed node {victim.Index} (the oldest: shard coordinator) at {DateTime.UtcNow:HH:mm:ss.fff}");
        var (loadExit, loadOutput) = await load;
        output.WriteLine(loadOutput);
        Assert.Equal(0, loadExit);
        await cluster.WaitForMembersAsync(cluster.Nodes.Count - 1, TimeSpan.FromSeconds(60));

        var survivors = cluster.Nodes.Where(n => n.IsRunning);
        var (verifyExit, verifyOutput) = await NodeRunner.RunAsync(RepoPaths.Of("tests", "node"), ["cluster/ledger.mjs", "verify", ledger],
            TimeSpan.FromMinutes(2), fixture.SdkEnvironment(survivors));
        output.WriteLine(verifyOutput);
        Assert.Equal(0, verifyExit);
        var report = JsonDocument.Parse(verifyOutput.Trim().Split('\n')[^1]).RootElement;
        Assert.True(report.GetProperty("acknowledged").GetInt32() > 500, "the load should have been acknowledged many times");
        Assert.Equal(0, report.GetProperty("lost").GetArrayLength());
        Assert.Equal(0, report.GetProperty("doubled").GetArrayLength());
        Assert.Equal(0, report.GetProperty("altered").GetArrayLength());
        Assert.Equal(0, report.GetProperty("counters").GetArrayLength());
        Assert.Equal(0, report.GetProperty("strangers").GetInt32());
        File.Delete(ledger);
        File.Delete(ledger + ".loading");

        await fixture.HealAsync();
    }

    private static string Oldest(JsonElement health) => health.GetProperty("oldest").GetString()!;

    private static async Task<JsonElement> Health(Uri node)
    {
        using var http = new HttpClient();
        return JsonDocument.Parse(await http.GetStringAsync(new Uri(node, "/healthz"))).RootElement;
    }
}
