using System.Diagnostics;
using System.Text.Json;
using ActorCloud.Testing.Processes;

namespace ActorCloud.Bench.Cluster;

/// <summary>
/// One SIGKILL: whom, and what the survivors saw (seconds after the kill). <c>Failover</c> is the slowest collection's
/// time until it was back (<see cref="WriteProbe.BackAt"/>). <c>Moved</c> counts the collections back only after the
/// victim was removed from membership — they were on it: its shards move only then —, <c>FirstMoved</c> is the first
/// of them; <c>Late</c> counts the others that took longer than <see cref="FailoverPhase.MovedAfter"/> (a machine this
/// busy stalls a write now and then), <c>LateMax</c> the slowest of those. Membership times are null when never seen.
/// </summary>
public sealed record KillResult(int Number, int Victim, bool WasOldest, double Failover, int Moved, double? FirstMoved, int Late, double? LateMax,
    int Unrecovered, double? Unreachable, double? Downed, double? Removed, double HealSeconds, double SettleSeconds, bool Settled);

/// <summary>A series of kills on one cluster, and the probe's failed writes that no kill explains.</summary>
public sealed record FailoverResult(string Name, IReadOnlyList<KillResult> Kills, int ExpectedErrors, IReadOnlyList<string> UnexpectedErrors)
{
    public double Percentile(double p)
    {
        var sorted = Kills.Select(k => k.Failover).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>
/// Kills a node of a 3-node cluster again and again while <see cref="WriteProbe"/> writes to 24 collections through the
/// survivors. Before each kill every node is a member again (the last victim restarted) and every collection has
/// answered promptly for a few seconds; odd kills take the oldest node (the shard coordinator's home, whose loss also
/// moves the coordinator), even ones another node, never the one just restarted. After the kill at t0 a collection's
/// failover time is when it was back (the first acknowledgement of a write sent after its last failed one), minus t0.
/// </summary>
public static class FailoverPhase
{
    /// <summary>A collection back sooner than this after the kill did not notice it.</summary>
    public const double MovedAfter = 1.0;

    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(60);

    public static async Task<FailoverResult> RunAsync(BenchCluster cluster, int kills, TimeSpan recoveryLimit, Action<KillResult> print)
    {
        var probe = await WriteProbe.StartAsync(cluster, ThroughputPhase.CollectionNames($"probe_{cluster.Name.Replace(' ', '_')}"));
        var results = new List<KillResult>();
        var recoveries = new List<(long T0, long?[] Back)>();
        // What happened when, to place a failed write that no kill explains.
        var timeline = new List<(long At, string What)> { (Stopwatch.GetTimestamp(), "the probe started") };
        ClusterNode? lastVictim = null;
        try
        {
            for (var number = 1; number <= kills; number++)
            {
                var preparation = Stopwatch.StartNew();
                if (lastVictim is not null) timeline.Add((Stopwatch.GetTimestamp(), $"node {lastVictim.Index} restarting"));
                await cluster.HealAsync();
                var healed = preparation.Elapsed;
                timeline.Add((Stopwatch.GetTimestamp(), "3 members, all ready"));
                probe.Target(cluster.Nodes);
                var settled = await PollAsync(probe.Settled, SettleLimit);
                var settling = preparation.Elapsed - healed;
                timeline.Add((Stopwatch.GetTimestamp(), settled ? "settled" : "not settled"));
                var oldest = await cluster.OldestAsync();
                var victim = number % 2 == 1 ? oldest : cluster.Nodes.First(n => n != oldest && n != lastVictim);
                var survivors = cluster.Nodes.Where(n => n != victim).ToList();
                probe.Target(survivors);
                // Writes already sent to the victim are answered before it dies: only the survivors' requests are judged.
                await Task.Delay(TimeSpan.FromSeconds(1));

                var t0 = Stopwatch.GetTimestamp();
                victim.Kill();
                timeline.Add((t0, $"kill {number} (node {victim.Index})"));
                var membership = WatchMembershipAsync(cluster, survivors[0], victim, t0, recoveryLimit);
                // Over when every collection has been back for a while (a write unanswered for that long would be trouble).
                var stable = (long)(WriteProbe.Stuck.TotalSeconds * Stopwatch.Frequency);
                await PollAsync(() => Enumerable.Range(0, probe.Collections.Count)
                    .All(c => probe.BackAt(c, t0) is { } at && Stopwatch.GetTimestamp() - at > stable), recoveryLimit);
                var (unreachable, downed, removed) = await membership;

                var back = Enumerable.Range(0, probe.Collections.Count).Select(c => probe.BackAt(c, t0)).ToArray();
                recoveries.Add((t0, back));
                timeline.Add((back.Max(a => a ?? Stopwatch.GetTimestamp()), $"every collection back after kill {number}"));
                // A collection that never came back counts as the whole limit: the figure is then a lower bound.
                var seconds = back.Select(a => a is { } at ? Seconds(at - t0) : recoveryLimit.TotalSeconds).ToArray();
                var moved = seconds.Where(s => s > (removed ?? MovedAfter)).ToArray();
                var late = seconds.Where(s => s > MovedAfter && s <= (removed ?? MovedAfter)).ToArray();
                var result = new KillResult(number, victim.Index, victim == oldest, seconds.Max(), moved.Length, moved.Length > 0 ? moved.Min() : null,
                    late.Length, late.Length > 0 ? late.Max() : null, back.Count(a => a is null), unreachable, downed, removed,
                    healed.TotalSeconds, settling.TotalSeconds, settled);
                results.Add(result);
                print(result);
                lastVictim = victim;
            }
            timeline.Add((Stopwatch.GetTimestamp(), $"node {lastVictim?.Index} restarting"));
            await cluster.HealAsync();
            timeline.Add((Stopwatch.GetTimestamp(), "3 members, all ready"));
        }
        finally
        {
            await probe.DisposeAsync();
        }
        return Classify(cluster.Name, probe, results, recoveries, timeline);
    }

    /// <summary>
    /// A failed write is expected when it was in flight at a kill or sent after it, before its collection was back
    /// (the 12 s SYS_ERR of a request whose collection was on the victim); any other
    /// failure — before a kill, after the collection came back, while a restarted node rejoins — is reported with
    /// when it was sent.
    /// </summary>
    private static FailoverResult Classify(string name, WriteProbe probe, List<KillResult> kills, List<(long T0, long?[] Back)> recoveries,
        List<(long At, string What)> timeline)
    {
        var expected = 0;
        var unexpected = new List<(long SentAt, string Description)>();
        for (var c = 0; c < probe.Collections.Count; c++)
        {
            foreach (var write in probe.Writes(c).Where(w => !w.Acknowledged))
            {
                if (recoveries.Any(r => write.AnsweredAt >= r.T0 && write.SentAt <= (r.Back[c] ?? long.MaxValue))) expected++;
                else unexpected.Add((write.SentAt, $"{probe.Collections[c]}, sent {Placed(write.SentAt, timeline)}: {write.Error ?? "unanswered"}"));
            }
        }
        return new FailoverResult(name, kills, expected, [.. unexpected.OrderBy(u => u.SentAt).Select(u => u.Description)]);
    }

    /// <summary>"3.2 s after kill 2 (node 1)": a moment placed after the last thing that happened before it.</summary>
    private static string Placed(long at, List<(long At, string What)> timeline)
    {
        var (since, what) = timeline.Where(e => e.At <= at).MaxBy(e => e.At);
        return $"{Seconds(at - since):F1} s after {what}";
    }

    /// <summary>When a survivor saw the victim unreachable, then down (or gone), then removed from membership.</summary>
    private static async Task<(double? Unreachable, double? Downed, double? Removed)> WatchMembershipAsync(
        BenchCluster cluster, ClusterNode observer, ClusterNode victim, long t0, TimeSpan limit)
    {
        double? unreachable = null, downed = null;
        while (Seconds(Stopwatch.GetTimestamp() - t0) < limit.TotalSeconds)
        {
            try
            {
                var health = await cluster.HealthAsync(observer);
                var now = Seconds(Stopwatch.GetTimestamp() - t0);
                var member = health.GetProperty("members").EnumerateArray()
                    .Where(m => m.GetProperty("address").GetString() == victim.RemotingAddress).Select(m => (JsonElement?)m).FirstOrDefault();
                if (member is not { } m) return (unreachable ?? now, downed ?? now, now);
                if (!m.GetProperty("reachable").GetBoolean()) unreachable ??= now;
                if (m.GetProperty("status").GetString() is "Down" or "Exiting" or "Removed") downed ??= now;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // A survivor busy starting the victim's collections may miss a poll.
            }
            await Task.Delay(100);
        }
        return (unreachable, downed, null);
    }

    private static async Task<bool> PollAsync(Func<bool> condition, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > limit) return false;
            await Task.Delay(250);
        }
        return true;
    }

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
}
