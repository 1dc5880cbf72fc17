using System.Diagnostics;

namespace ActorCloud.Bench.History;

/// <summary>
/// One writer inserting documents <c>n</c> = 0, 1, 2 … at a fixed rate: insert <c>n</c> is due <c>n / rate</c> seconds
/// after the start and sent then, or at once when the previous one was answered late (never two at a time, so a
/// slow server lowers the rate instead of piling up requests). Send and answer times go to the <see cref="DeliveryLog"/>.
/// </summary>
public static class SteadyWriter
{
    public static async Task<PhaseResult> RunAsync(string name, AdminCalls calls, string collection, int count, int rate, DeliveryLog log)
    {
        var latencies = new long[count];
        var errors = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < count; n++)
        {
            var wait = TimeSpan.FromSeconds((double)n / rate) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            log.Sent[n] = Stopwatch.GetTimestamp();
            try
            {
                await calls.InsertAsync(collection, Ejson.Document(n));
            }
            catch (Exception e) when (e is HttpRequestException or GatewayException or InvalidDataException or TaskCanceledException)
            {
                errors++;
                firstError ??= $"{e.GetType().Name}: {e.Message}";
            }
            log.Answered[n] = Stopwatch.GetTimestamp();
            latencies[n] = log.Answered[n] - log.Sent[n];
        }
        return PhaseResult.Of(name, "ops/s", ClosedLoop.Measure(latencies, clock.Elapsed, errors, firstError));
    }
}
