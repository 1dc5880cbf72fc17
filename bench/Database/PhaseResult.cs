namespace ActorCloud.Bench.Database;

/// <summary>One measured phase: operations, wall time, latency percentiles and any failures.</summary>
public sealed record PhaseResult(
    string Name, int Count, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs, int Errors, string? FirstError, int ItemsPerOp = 1)
{
    public double OpsPerSecond => Count / Elapsed.TotalSeconds;

    /// <summary>Documents per second when one operation carries several (batch inserts).</summary>
    public double ItemsPerSecond => OpsPerSecond * ItemsPerOp;
}
