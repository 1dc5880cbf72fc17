namespace ActorCloud.Bench.Cluster;

/// <summary>
/// Issue 9's figures, each cluster started fresh for its phases: write throughput of 1 node and of 3 nodes; failover
/// over repeated SIGKILLs with the product's cluster timing and, as the baseline, with Akka's default stable-after and
/// acceptable heartbeat pause (the only two a flag sets); replay
/// speed from PostgreSQL after every node was killed. Then the summary against the targets.
/// </summary>
public sealed class ClusterBenchmark(ClusterSizes sizes)
{
    /// <summary>What a product cluster would otherwise shorten: Akka's own stable-after and acceptable heartbeat pause.</summary>
    private static readonly string[] AkkaTiming =
        ["--ActorCloud:Cluster:StableAfter", "00:00:20", "--ActorCloud:Cluster:AcceptableHeartbeatPause", "00:00:03"];

    /// <summary>Snapshots effectively off: a recovering collection replays every event it ever had.</summary>
    private static readonly string[] NoSnapshots = ["--snapshot-every", "100000000"];

    private const double FailoverTarget = 10.0;

    private readonly Report _report = new();

    /// <summary>Runs everything; returns the exit code (1 when a request failed unexpectedly or a check did not hold).</summary>
    public async Task<int> RunAsync()
    {
        PrintSetup();
        Report.Section($"Write throughput: {ClusterSizes.Clients} clients, single-document inserts over {ClusterSizes.Collections} collections, round-robin over the nodes");
        ThroughputResult one, three;
        await using (var single = await StartAsync("1 node", 1))
        {
            Report.ThroughputHeader();
            one = await Throughput(single);
        }

        FailoverResult product, baseline;
        await using (var cluster = await StartAsync("product timing", 3))
        {
            Report.ThroughputHeader();
            three = await Throughput(cluster);
            Report.Section($"Failover, product timing (src/Api/Hosting/ClusterTuning.cs): {sizes.Kills} SIGKILLs");
            product = await Failover(cluster, sizes.Kills, TimeSpan.FromSeconds(90));
        }

        // The baseline cluster also runs the recovery phase: neither flag changes what the other measures (the probed
        // collections hold a few hundred events each), and a cluster start costs half a minute of a 2-core machine.
        RecoveryResult recovery;
        await using (var cluster = await StartAsync("Akka timing", 3, [.. AkkaTiming, .. NoSnapshots]))
        {
            Report.Section($"Failover, baseline: Akka's stable-after 20 s and heartbeat pause 3 s (the rest as the product's): {sizes.BaselineKills} SIGKILL(s)");
            baseline = await Failover(cluster, sizes.BaselineKills, TimeSpan.FromSeconds(150));
            Report.Section($"Recovery from PostgreSQL: {sizes.ReplayEvents:N0} single inserts into one collection, snapshots off, every node killed and restarted");
            recovery = await Recovery(cluster);
        }

        Report.Section("Summary");
        Report.Line("write throughput 3 nodes / 1 node", $"{Report.Number(three.Rate, "N0")} / {Report.Number(one.Rate, "N0")} inserts/s = " +
            $"{Report.Number(three.Rate / one.Rate, "F2")} (p50 {Report.Number(three.Loop.P50Ms, "F1")} / {Report.Number(one.Loop.P50Ms, "F1")} ms)");
        var p50 = product.Percentile(0.5);
        Report.Line("failover, product timing", $"{Report.Stats(product)} (target p50 <= {FailoverTarget:F0} s: {(p50 <= FailoverTarget ? "PASS" : "MISS")})");
        Report.Line("failover, baseline (Akka's timing)", Report.Stats(baseline));
        Report.Line("failover p50, baseline / product", $"{Report.Number(baseline.Percentile(0.5) / p50, "F1")}x faster");
        Report.Line("recovery from PostgreSQL (no snapshots)", $"{Report.Number(recovery.EventsPerSecond, "N0")} events/s " +
            $"({recovery.CountBefore:N0} events in {Report.Number(recovery.FirstRead.TotalSeconds, "F2")} s)");
        foreach (var failure in _report.Failures) Console.WriteLine($"  {failure}");
        return _report.Failures.Count == 0 ? 0 : 1;
    }

    private async Task<ThroughputResult> Throughput(BenchCluster cluster)
    {
        var result = await ThroughputPhase.RunAsync(cluster, sizes);
        _report.Throughput(result);
        return result;
    }

    private async Task<FailoverResult> Failover(BenchCluster cluster, int kills, TimeSpan recoveryLimit)
    {
        var result = await FailoverPhase.RunAsync(cluster, kills, recoveryLimit, _report.Kill);
        _report.FailoverErrors(result);
        Report.Line("failover (slowest collection per kill)", Report.Stats(result));
        return result;
    }

    private async Task<RecoveryResult> Recovery(BenchCluster cluster)
    {
        var r = await RecoveryPhase.RunAsync(cluster, sizes.ReplayEvents);
        Report.Line("writing the events", $"{Report.Number(r.Writes.Count / r.Writes.Elapsed.TotalSeconds, "N0")} inserts/s, " +
            $"p50 {Report.Number(r.Writes.P50Ms, "F1")} ms, p99 {Report.Number(r.Writes.P99Ms, "F1")} ms, max {Report.Number(r.Writes.MaxMs, "F0")} ms");
        if (r.Writes.Errors > 0) _report.Fail($"recovery: {r.Writes.Errors} of {r.Events} inserts failed; first: {r.Writes.FirstError}");
        Report.Line("kill all 3, restart, all Up and ready", $"{Report.Number(r.Restart.TotalSeconds, "F1")} s");
        Report.Line("first read of a 1-document collection", $"{Report.Number(r.FirstSmallRead.TotalSeconds, "F2")} s (same shard: coordinator, environment, allocation)");
        Report.Line("first count of the replayed collection", $"{Report.Number(r.FirstRead.TotalSeconds, "F2")} s{(r.Attempts > 1 ? $" ({r.Attempts} attempts)" : "")} " +
            $"= {Report.Number(r.EventsPerSecond, "N0")} events/s");
        Report.Line("documents before / after the restart", $"{r.CountBefore:N0} / {r.CountAfter:N0}");
        if (r.CountAfter != r.CountBefore || r.CountBefore < r.Events - r.Writes.Errors)
            _report.Fail($"recovery: {r.CountBefore:N0} documents before the restart, {r.CountAfter:N0} after; {r.Events - r.Writes.Errors:N0} inserts acknowledged");
        return r;
    }

    private static async Task<BenchCluster> StartAsync(string name, int nodes, params string[] flags)
    {
        var cluster = await BenchCluster.StartAsync(name, nodes, flags);
        Report.Started(cluster);
        return cluster;
    }

    private void PrintSetup()
    {
        Report.Section($"ActorCloud cluster benchmark ({sizes.Mode} run)");
        Report.Line("machine", $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; " +
            "every node, PostgreSQL, Azurite and the clients share it");
        if (File.Exists("/proc/loadavg")) Report.Line("load average at start", File.ReadAllText("/proc/loadavg").Trim());
        Report.Line("nodes", "ActorCloud.Api processes on one private PostgreSQL (journal, snapshots) and one Azurite");
        Report.Line("failover probe", $"{ClusterSizes.Collections} collections, a single insert to each every " +
            $"{WriteProbe.Interval.TotalMilliseconds:F0} ms (open loop), through the survivors only");
    }
}
