namespace ActorCloud.Bench.Indexes;

/// <summary>One measured phase: operations, wall time, latency percentiles and any failures.</summary>
public sealed record PhaseResult(
    string Name, int Count, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs, int Errors, string? FirstError, int ItemsPerOp = 1)
{
    public double OpsPerSecond => Count / Elapsed.TotalSeconds;

    /// <summary>Documents per second when one operation carries several (batch inserts).</summary>
    public double ItemsPerSecond => OpsPerSecond * ItemsPerOp;

    public static async Task<PhaseResult> RunAsync(string name, int count, int clients, Func<int, Task> operation, int itemsPerOp = 1)
    {
        var m = await ClosedLoop.RunAsync(count, clients, operation);
        return new PhaseResult(name, m.Count, m.Elapsed, m.P50Ms, m.P99Ms, m.MaxMs, m.Errors, m.FirstError, itemsPerOp);
    }
}
