using System.Diagnostics;

namespace ActorCloud.Bench.History;

/// <summary>
/// When each watcher received each written document (Stopwatch ticks, 0 for not yet), by watcher and the document's
/// <c>n</c>, beside when the writer sent it and when the writer's insert was answered. Also what went wrong on the
/// sockets: duplicates, gaps in event ids, unexpected events, error frames, and closes that did not complete.
/// </summary>
public sealed class DeliveryLog(int watchers, int events)
{
    private readonly long[][] _arrivals = Enumerable.Range(0, watchers).Select(_ => new long[events]).ToArray();
    private long _delivered;
    private int _errors;
    private string? _firstError;
    private int _uncleanCloses;

    public long[] Sent { get; } = new long[events];

    public long[] Answered { get; } = new long[events];

    public long Delivered => Interlocked.Read(ref _delivered);

    public int Errors => _errors;

    public string? FirstError => _firstError;

    public void Arrived(int watcher, int n)
    {
        var now = Stopwatch.GetTimestamp();
        if ((uint)n >= (uint)Sent.Length) Fail($"watcher {watcher} received a document n={n} that was never written");
        else if (_arrivals[watcher][n] != 0) Fail($"watcher {watcher} received n={n} twice");
        else
        {
            _arrivals[watcher][n] = now;
            Interlocked.Increment(ref _delivered);
        }
    }

    /// <summary>Closes that failed after the measurement: printed, but not failed requests.</summary>
    public int UncleanCloses => _uncleanCloses;

    public string? FirstUncleanClose { get; private set; }

    public void UncleanClose(string problem)
    {
        if (Interlocked.Increment(ref _uncleanCloses) == 1) FirstUncleanClose = problem;
    }

    public void Fail(string error)
    {
        Interlocked.Increment(ref _errors);
        Interlocked.CompareExchange(ref _firstError, error, null);
    }

    /// <summary>Every delivery's delay in Stopwatch ticks from <paramref name="origin"/> (sent or answered), and how many never arrived.</summary>
    public (long[] Delays, int Missing) DelaysFrom(long[] origin)
    {
        var delays = new List<long>(watchers * events);
        var missing = 0;
        foreach (var arrivals in _arrivals)
            for (var n = 0; n < events; n++)
                if (arrivals[n] == 0) missing++;
                else delays.Add(arrivals[n] - origin[n]);
        return (delays.ToArray(), missing);
    }

    /// <summary>The last arrival of all (Stopwatch ticks).</summary>
    public long LastArrival => _arrivals.Max(a => a.Max());
}
