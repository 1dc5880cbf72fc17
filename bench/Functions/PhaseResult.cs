namespace ActorCloud.Bench.Functions;

/// <summary>One measured phase: calls, wall time, latency percentiles and any failures.</summary>
public sealed record PhaseResult(
    string Name, int Count, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs, int Errors, string? FirstError)
{
    public double CallsPerSecond => Count / Elapsed.TotalSeconds;

    public static PhaseResult Of(string name, LoopMeasurement m) =>
        new(name, m.Count, m.Elapsed, m.P50Ms, m.P99Ms, m.MaxMs, m.Errors, m.FirstError);

    /// <summary>A phase from its calls' latencies in Stopwatch ticks.</summary>
    public static PhaseResult From(string name, long[] latencies, TimeSpan elapsed, int errors, string? firstError) =>
        Of(name, ClosedLoop.Measure(latencies, elapsed, errors, firstError));
}
