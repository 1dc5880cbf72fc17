using System.Diagnostics;

namespace ActorCloud.Bench.Shared;

/// <summary>What a closed loop measured: operations, wall time, nearest-rank latency percentiles, failures.</summary>
public sealed record LoopMeasurement(int Count, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs, int Errors, string? FirstError);

/// <summary>
/// Runs <c>count</c> operations from a fixed number of concurrent clients, each taking the next operation as soon as
/// its previous one is answered (closed loop), recording every operation's latency.
/// </summary>
public static class ClosedLoop
{
    public static async Task<LoopMeasurement> RunAsync(int count, int clients, Func<int, Task> operation)
    {
        var latencies = new long[count];
        var next = -1;
        var errors = 0;
        string? firstError = null;

        async Task Client()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await operation(i);
                }
                catch (Exception e)
                {
                    // Failures are counted and the first one shown, never retried: the report must expose a misbehaving server.
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
                }
                latencies[i] = Stopwatch.GetTimestamp() - start;
            }
        }

        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client)));
        total.Stop();
        return Measure(latencies, total.Elapsed, errors, firstError);
    }

    /// <summary>A measurement from latencies in Stopwatch ticks (sorted here).</summary>
    public static LoopMeasurement Measure(long[] latencies, TimeSpan elapsed, int errors, string? firstError)
    {
        Array.Sort(latencies);
        return new LoopMeasurement(latencies.Length, elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99),
            Percentile(latencies, 1.0), errors, firstError);
    }

    /// <summary>Nearest-rank percentile of sorted Stopwatch ticks, in milliseconds.</summary>
    private static double Percentile(long[] sorted, double p)
    {
        if (sorted.Length == 0) return 0;
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
