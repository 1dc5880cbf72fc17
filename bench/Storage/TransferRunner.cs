using System.Diagnostics;

namespace ActorCloud.Bench.Storage;

/// <summary>
/// Runs transfers <c>first..first+count-1</c> from a fixed number of concurrent clients, each taking the next file
/// as soon as its previous one is done (closed loop). A transfer returns the bytes it moved; one that throws is
/// counted as failed and its first message kept, never retried: the report must expose a misbehaving server.
/// </summary>
public static class TransferRunner
{
    public static async Task<TransferResult> RunAsync(int first, int count, int clients, Func<int, Task<long>> transfer)
    {
        var next = first - 1;
        var last = first + count - 1;
        long bytes = 0;
        var errors = 0;
        string? firstError = null;

        async Task Client()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) <= last)
            {
                try
                {
                    Interlocked.Add(ref bytes, await transfer(i));
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref errors);
                    var cause = e.InnerException is { } inner ? $" ({inner.Message})" : "";
                    Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}{cause}", null);
                }
            }
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(clients, count)).Select(_ => Task.Run(Client)));
        return new TransferResult(count, bytes, clock.Elapsed, errors, firstError);
    }
}
