using System.Diagnostics;

namespace ActorCloud.Bench.Functions;

/// <summary>One measured phase: calls, wall time, latency percentiles and any failures.</summary>
public sealed record PhaseResult(
    string Name, int Count, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs, int Errors, string? FirstError)
{
    public double CallsPerSecond => Count / Elapsed.TotalSeconds;

    /// <summary>A phase from its calls' latencies in Stopwatch ticks (sorted here, nearest-rank percentiles).</summary>
    public static PhaseResult From(string name, long[] latencies, TimeSpan elapsed, int errors, string? firstError)
    {
        Array.Sort(latencies);
        return new PhaseResult(name, latencies.Length, elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99),
            Percentile(latencies, 1.0), errors, firstError);
    }

    private static double Percentile(long[] sorted, double p)
    {
        if (sorted.Length == 0) return 0;
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
