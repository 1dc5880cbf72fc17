using System.Text.Json;
using ActorCloud.Api.Tests.Support;
using Xunit.Abstractions;

namespace ActorCloud.Api.Tests.Cluster;

/// <summary>
/// Realtime watch in a cluster, through the real node-sdk: a watcher on one node sees the writes made through the
/// others, whichever node runs each collection; and after a node is killed, the watches of the collections it ran carry
/// on with the writes made once those collections serve again elsewhere.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WatchAcrossNodesTests(ClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_watch_on_one_node_sees_writes_made_through_the_others_and_survives_a_node_loss()
    {
        await fixture.HealAsync();
        var cluster = fixture.Cluster;
        var go = Path.Combine(Path.GetTempPath(), $"watch-go-{Guid.NewGuid():N}");
        var environment = new Dictionary<string, string>(fixture.SdkEnvironment(cluster.Nodes)) { ["GO_FILE"] = go };
        var run = NodeRunner.RunAsync(RepoPaths.Of("tests", "node"), ["cluster/watch-across.mjs"], TimeSpan.FromMinutes(4), environment);

        var seen = await Eventually.FileAsync(go + ".seen", TimeSpan.FromSeconds(120), run);
        output.WriteLine($"round 1: {seen}");
        cluster.Nodes[1].Kill();
        await File.WriteAllTextAsync(go, "");
        var (exitCode, report) = await run;
        output.WriteLine(report);
        Assert.Equal(0, exitCode);

        var result = JsonDocument.Parse(report.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(0, result.GetProperty("round1").GetProperty("missed").GetInt32());
        Assert.Equal(0, result.GetProperty("round2").GetProperty("missed").GetInt32());
        Assert.Equal(80, result.GetProperty("round2").GetProperty("written").GetInt32());
        Assert.Equal(0, result.GetProperty("errors").GetArrayLength());
        File.Delete(go);
        File.Delete(go + ".seen");

        await fixture.HealAsync();
    }
}
