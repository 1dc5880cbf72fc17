using System.Diagnostics;

namespace ActorCloud.Bench.Database;

/// <summary>
/// Runs <c>count</c> operations from a fixed number of concurrent clients (32 unless a phase measures the
/// uncontended service time with one), each taking the next operation as soon as its previous one is answered
/// (closed loop), recording every operation's latency.
/// </summary>
public static class LoadRunner
{
    public const int Clients = 32;

    public static async Task<PhaseResult> RunAsync(
        string name, int count, Func<int, Task> operation, int itemsPerOp = 1, int clients = Clients)
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
                    // Failures are counted and the first one shown, not retried: the report must expose a misbehaving server.
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
                }
                latencies[i] = Stopwatch.GetTimestamp() - start;
            }
        }

        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client)));
        total.Stop();
        Array.Sort(latencies);
        return new PhaseResult(name, count, total.Elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99),
            Percentile(latencies, 1.0), errors, firstError, itemsPerOp);
    }

    /// <summary>Nearest-rank percentile of sorted Stopwatch ticks, in milliseconds.</summary>
    private static double Percentile(long[] sorted, double p)
    {
        if (sorted.Length == 0) return 0;
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
