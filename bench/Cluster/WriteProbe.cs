using System.Diagnostics;
using ActorCloud.Testing.Processes;

namespace ActorCloud.Bench.Cluster;

/// <summary>One probe write: when it was sent and answered (Stopwatch timestamps; 0 while unanswered) and how.</summary>
public sealed class ProbeWrite(long sentAt)
{
    public long SentAt { get; } = sentAt;

    public long AnsweredAt { get; set; }

    public bool Acknowledged { get; set; }

    public string? Error { get; set; }
}

/// <summary>
/// Open-loop writes to every probed collection: each collection gets a new single-document insert every
/// <see cref="Interval"/>, whether or not its earlier ones were answered, so a collection that stops answering keeps
/// being asked and the writes acknowledged after a kill tell when it came back (<see cref="BackAt"/>). Writes go only
/// to the target nodes (the survivors while a node is being killed), round-robin.
/// </summary>
public sealed class WriteProbe : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// A write unanswered this long is as good as failed: its collection is not answering. Writes sent to a collection
    /// whose node died are never answered by it; the gateway gives up on them only after 12 s.
    /// </summary>
    public static readonly TimeSpan Stuck = TimeSpan.FromSeconds(3);

    // The gateway answers a write within 12 s (SYS_ERR "timed out" when its collection's node is gone); past this the
    // write is given up as unanswered.
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(20);

    private readonly BenchCluster _cluster;
    private readonly List<ProbeWrite>[] _writes;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;
    private ClusterNode[] _targets;
    private long _sequence;
    private int _pending;

    private WriteProbe(BenchCluster cluster, string[] collections)
    {
        _cluster = cluster;
        Collections = collections;
        _targets = [.. cluster.Nodes];
        _writes = [.. collections.Select(_ => new List<ProbeWrite>())];
        _loops = [.. collections.Select((_, c) => Task.Run(() => LoopAsync(c)))];
    }

    public IReadOnlyList<string> Collections { get; }

    /// <summary>Creates the collections and starts writing to them.</summary>
    public static async Task<WriteProbe> StartAsync(BenchCluster cluster, string[] collections)
    {
        foreach (var collection in collections) await DatabaseCalls.AddCollectionAsync(cluster.Client(cluster.Nodes[0]), collection);
        return new WriteProbe(cluster, collections);
    }

    /// <summary>From now on new writes go to these nodes only.</summary>
    public void Target(IEnumerable<ClusterNode> nodes) => Volatile.Write(ref _targets, [.. nodes]);

    /// <summary>A copy of a collection's writes so far, in the order they were sent.</summary>
    public ProbeWrite[] Writes(int collection)
    {
        var writes = _writes[collection];
        lock (writes) return [.. writes.Select(w => new ProbeWrite(w.SentAt) { AnsweredAt = w.AnsweredAt, Acknowledged = w.Acknowledged, Error = w.Error })];
    }

    /// <summary>
    /// True when, for every collection, each write sent in the 3 s before the last second was acknowledged within a
    /// second: shards are where they will stay for now, and none is still recovering.
    /// </summary>
    public bool Settled()
    {
        var now = Stopwatch.GetTimestamp();
        var from = now - 3 * Stopwatch.Frequency;
        var to = now - Stopwatch.Frequency;
        return Enumerable.Range(0, Collections.Count).All(c =>
        {
            var window = Writes(c).Where(w => w.SentAt >= from && w.SentAt < to).ToList();
            return window.Count >= 8 && window.All(w => w.Acknowledged && w.AnsweredAt - w.SentAt < Stopwatch.Frequency);
        });
    }

    /// <summary>
    /// When a collection was back after <paramref name="since"/>: the acknowledgement of the first write sent after its
    /// last trouble since then (a failed write, or one unanswered for <see cref="Stuck"/>); null while there is none.
    /// After the last trouble rather than after <paramref name="since"/>: a collection may answer a write just after a
    /// kill and then stop (its shard was being handed to the victim), and it is back only when it answers again for good.
    /// </summary>
    public long? BackAt(int collection, long since)
    {
        var now = Stopwatch.GetTimestamp();
        var stuck = (long)(Stuck.TotalSeconds * Stopwatch.Frequency);
        var writes = Writes(collection).Where(w => w.SentAt >= since).ToList();
        var lastTrouble = writes.Where(w => w.AnsweredAt == 0 ? now - w.SentAt > stuck : !w.Acknowledged)
            .Select(w => w.SentAt).DefaultIfEmpty(since - 1).Max();
        return writes.Where(w => w.Acknowledged && w.SentAt > lastTrouble).Select(w => (long?)w.AnsweredAt).Min();
    }

    private async Task LoopAsync(int collection)
    {
        // Spread the collections' writes over the interval rather than sending 24 at once.
        await Task.Delay(Interval * collection / Collections.Count);
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do _ = WriteAsync(collection);
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task WriteAsync(int collection)
    {
        var n = Interlocked.Increment(ref _sequence);
        var targets = Volatile.Read(ref _targets);
        var client = _cluster.Client(targets[n % targets.Length]);
        var write = new ProbeWrite(Stopwatch.GetTimestamp());
        var writes = _writes[collection];
        lock (writes) writes.Add(write);
        Interlocked.Increment(ref _pending);
        string? error = null;
        try
        {
            await DatabaseCalls.InsertOneAsync(client, Collections[collection], n).WaitAsync(WriteTimeout);
        }
        catch (Exception e)
        {
            error = e is TimeoutException ? $"unanswered after {WriteTimeout.TotalSeconds} s" : $"{e.GetType().Name}: {e.Message}";
        }
        lock (writes)
        {
            write.AnsweredAt = Stopwatch.GetTimestamp();
            write.Acknowledged = error is null;
            write.Error = error;
        }
        Interlocked.Decrement(ref _pending);
    }

    /// <summary>Stops sending and waits for the writes in flight to be answered or given up.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        var deadline = DateTime.UtcNow + WriteTimeout + TimeSpan.FromSeconds(1);
        while (Volatile.Read(ref _pending) > 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
        _stop.Dispose();
    }
}
