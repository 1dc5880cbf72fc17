using System.Text.Json;
using ActorCloud.Api.Tests.Support;
using Xunit.Abstractions;

namespace ActorCloud.Api.Tests.Cluster;

/// <summary>
/// Faults under a write load from the real node-sdk spread over all three nodes — a node killed with SIGKILL, the
/// PostgreSQL journal restarted — after which every acknowledged write is present exactly once and unchanged, no write
/// is applied twice, and the collections serve again.
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
        var report = await UnderLoadAsync("killed", TimeSpan.FromSeconds(16), async () =>
        {
            victim.Kill();
            output.WriteLine($"killed node {victim.Index} (the oldest: shard coordinator) at {DateTime.UtcNow:HH:mm:ss.fff}");
            await cluster.WaitForMembersAsync(cluster.Nodes.Count - 1, TimeSpan.FromSeconds(60));
        });
        Assert.True(report.GetProperty("acknowledged").GetInt32() > 100, "the load should have been acknowledged many times");
        await fixture.HealAsync();
    }

    [Fact]
    public async Task A_postgresql_restart_under_load_fails_writes_clearly_and_loses_none_acknowledged()
    {
        await fixture.HealAsync();
        var cluster = fixture.Cluster;
        var restarted = DateTimeOffset.MinValue;
        var report = await UnderLoadAsync("pgrestart", TimeSpan.FromSeconds(26), async () =>
        {
            await cluster.Postgres.StopAsync();
            output.WriteLine($"PostgreSQL stopped (immediate) at {DateTime.UtcNow:HH:mm:ss.fff}");
            await Task.Delay(TimeSpan.FromSeconds(4));
            await cluster.Postgres.RestartAsync();
            restarted = DateTimeOffset.UtcNow;
            output.WriteLine($"PostgreSQL started again at {DateTime.UtcNow:HH:mm:ss.fff}");
        });
        Assert.True(report.GetProperty("unknown").GetInt32() > 0, "writes during the outage should have failed");
        Assert.True(report.GetProperty("lastAcknowledgedAt").GetInt64() > restarted.ToUnixTimeMilliseconds(), "writes should have resumed");
        await fixture.HealAsync();
    }

    /// <summary>
    /// Runs the ledger load over every node, does <paramref name="fault"/> five seconds into it, and verifies the ledger
    /// against the collections through the nodes still running: nothing lost, doubled, altered or unexplained.
    /// </summary>
    private async Task<JsonElement> UnderLoadAsync(string prefix, TimeSpan duration, Func<Task> fault)
    {
        var cluster = fixture.Cluster;
        var ledger = Path.Combine(Path.GetTempPath(), $"ledger-{Guid.NewGuid():N}.json");
        var environment = new Dictionary<string, string>(fixture.SdkEnvironment(cluster.Nodes)) { ["DURATION_MS"] = ((int)duration.TotalMilliseconds).ToString(), ["LEDGER_PREFIX"] = prefix };
        var load = NodeRunner.RunAsync(RepoPaths.Of("tests", "node"), ["cluster/ledger.mjs", "load", ledger], TimeSpan.FromMinutes(3), environment);
        await Eventually.FileAsync(ledger + ".loading", TimeSpan.FromSeconds(60), load);
        await Task.Delay(TimeSpan.FromSeconds(5));
        await fault();
        var (loadExit, loadOutput) = await load;
        output.WriteLine(loadOutput);
        Assert.Equal(0, loadExit);

        var running = cluster.Nodes.Where(n => n.IsRunning);
        var verifying = new Dictionary<string, string>(fixture.SdkEnvironment(running)) { ["LEDGER_PREFIX"] = prefix };
        var (verifyExit, verifyOutput) = await NodeRunner.RunAsync(RepoPaths.Of("tests", "node"), ["cluster/ledger.mjs", "verify", ledger],
            TimeSpan.FromMinutes(2), verifying);
        output.WriteLine(verifyOutput);
        Assert.Equal(0, verifyExit);
        var report = JsonDocument.Parse(verifyOutput.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(0, report.GetProperty("lost").GetArrayLength());
        Assert.Equal(0, report.GetProperty("doubled").GetArrayLength());
        Assert.Equal(0, report.GetProperty("altered").GetArrayLength());
        Assert.Equal(0, report.GetProperty("counters").GetArrayLength());
        Assert.Equal(0, report.GetProperty("strangers").GetInt32());
        File.Delete(ledger);
        File.Delete(ledger + ".loading");
        return report;
    }

    private static string Oldest(JsonElement health) => health.GetProperty("oldest").GetString()!;

    private static async Task<JsonElement> Health(Uri node)
    {
        using var http = new HttpClient();
        return JsonDocument.Parse(await http.GetStringAsync(new Uri(node, "/healthz"))).RootElement;
    }
}
