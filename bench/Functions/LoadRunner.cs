using System.Diagnostics;

namespace ActorCloud.Bench.Functions;

/// <summary>
/// Runs <c>count</c> calls from a fixed number of concurrent clients, each making its next call as soon as the
/// previous one is answered (closed loop), recording every call's latency. One client measures latency alone.
/// </summary>
public static class LoadRunner
{
    public static async Task<PhaseResult> RunAsync(string name, int count, int clients, Func<int, Task> call)
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
                    await call(i);
                }
                catch (Exception e)
                {
                    // Counted and the first one shown, never retried: the report must expose a misbehaving server.
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
                }
                latencies[i] = Stopwatch.GetTimestamp() - start;
            }
        }

        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client)));
        total.Stop();
        return PhaseResult.From(name, latencies, total.Elapsed, errors, firstError);
    }
}
