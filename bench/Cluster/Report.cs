using System.Globalization;

namespace ActorCloud.Bench.Cluster;

/// <summary>
/// Prints each phase as soon as it finishes, in the style of the other benchmarks (one line per phase or kill), and
/// collects what failed so the summary can repeat it and the exit code can say so. Figures are printed, never asserted.
/// </summary>
public sealed class Report
{
    private const string RowFormat = "{0,-24} {1,7} {2,8} {3,9} {4,8} {5,8} {6,9}";
    private readonly List<string> _failures = [];

    public IReadOnlyList<string> Failures => _failures;

    public static void Section(string title) => Console.WriteLine($"{Environment.NewLine}== {title} ==");

    public static void Line(string label, string value) => Console.WriteLine($"  {label,-40} {value}");

    public void Fail(string failure)
    {
        _failures.Add(failure);
        Console.WriteLine($"  ! {failure}");
    }

    public static void Started(BenchCluster cluster) =>
        Line($"started '{cluster.Name}'", $"{cluster.Nodes.Count} node(s) Up and ready in {Number(cluster.StartTime.TotalSeconds, "F1")} s ({cluster.Directory})");

    public static void ThroughputHeader() => Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat,
        "cluster", "clients", "inserts", "inserts/s", "p50 ms", "p99 ms", "max ms"));

    public void Throughput(ThroughputResult r)
    {
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat, r.Name, ClusterSizes.Clients, Number(r.Loop.Count),
            Number(r.Rate, "N1"), Number(r.Loop.P50Ms, "F2"), Number(r.Loop.P99Ms, "F2"), Number(r.Loop.MaxMs, "F1")) + (r.Cpu is { } cpu ? $"   {cpu}" : ""));
        if (r.WarmUp.Errors > 0) Fail($"{r.Name} warm-up: {r.WarmUp.Errors} of {r.WarmUp.Count} inserts failed; first: {r.WarmUp.FirstError}");
        if (r.Loop.Errors > 0) Fail($"{r.Name}: {r.Loop.Errors} of {r.Loop.Count} inserts failed; first: {r.Loop.FirstError}");
    }

    public void Kill(KillResult k)
    {
        var membership = $"unreachable {Seconds(k.Unreachable)}, down {Seconds(k.Downed)}, removed {Seconds(k.Removed)}";
        var moved = k.FirstMoved is { } first ? $"{k.Moved,2}/{ClusterSizes.Collections} moved (back from {Seconds(first)})" : "none moved";
        if (k.LateMax is { } late) moved += $", {k.Late} more late (<= {Seconds(late)})";
        Console.WriteLine($"  kill {k.Number,2}: node {k.Victim} {(k.WasOldest ? "(oldest)" : "        ")}  failover {Seconds(k.Failover),7}  " +
            $"{moved}  | {membership}  | before: restart {Number(k.HealSeconds, "F0")} s, settle {Number(k.SettleSeconds, "F0")} s{(k.Settled ? "" : " (NOT settled)")}");
        if (k.Unrecovered > 0) Fail($"kill {k.Number}: {k.Unrecovered} collection(s) acknowledged no write sent after the kill");
    }

    public void FailoverErrors(FailoverResult r)
    {
        Line("failed probe writes during failovers", $"{Number(r.ExpectedErrors)} (sent before their collection came back; expected)");
        if (r.UnexpectedErrors.Count == 0) return;
        Fail($"{r.Name}: {r.UnexpectedErrors.Count} probe write(s) failed outside a failover; first: {r.UnexpectedErrors[0]}");
        foreach (var error in r.UnexpectedErrors.Skip(1).Take(9)) Console.WriteLine($"    {error}");
        if (r.UnexpectedErrors.Count > 10) Console.WriteLine($"    ... and {r.UnexpectedErrors.Count - 10} more");
    }

    public static string Stats(FailoverResult r) =>
        $"p50 {Seconds(r.Percentile(0.5))}, p90 {Seconds(r.Percentile(0.9))}, max {Seconds(r.Percentile(1.0))} over {r.Kills.Count} kill(s)";

    public static string Seconds(double? seconds) => seconds is { } s ? $"{Number(s, "F2")} s" : "-";

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
}
