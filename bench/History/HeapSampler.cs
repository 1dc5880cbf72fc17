namespace ActorCloud.Bench.History;

/// <summary>The GC heap around a read: after a full collection before it, the highest sample during it, after a full collection after it.</summary>
public sealed record HeapFigures(long Before, long Peak, long After, long Allocated);

/// <summary>
/// Samples <see cref="GC.GetTotalMemory(bool)"/> every few milliseconds on a thread of its own (the thread pool is
/// busy with the read) while a read runs. The samples include garbage not yet collected, so the peak is an upper
/// bound of what the read kept alive: a streamed read keeps it near the generation-0 budget whatever the history's
/// size, a buffered one would grow with it.
/// </summary>
public sealed class HeapSampler : IDisposable
{
    private readonly Thread _thread;
    private readonly long _before;
    private readonly long _allocatedBefore;
    private long _peak;
    private volatile bool _stopped;

    public HeapSampler()
    {
        _before = GC.GetTotalMemory(forceFullCollection: true);
        _allocatedBefore = GC.GetTotalAllocatedBytes();
        _peak = _before;
        _thread = new Thread(Sample) { IsBackground = true, Name = "heap sampler" };
        _thread.Start();
    }

    public HeapFigures Stop()
    {
        _stopped = true;
        _thread.Join();
        var allocated = GC.GetTotalAllocatedBytes() - _allocatedBefore;
        return new HeapFigures(_before, Math.Max(_peak, GC.GetTotalMemory(false)), GC.GetTotalMemory(forceFullCollection: true), allocated);
    }

    private void Sample()
    {
        while (!_stopped)
        {
            _peak = Math.Max(_peak, GC.GetTotalMemory(false));
            Thread.Sleep(5);
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _thread.Join();
    }
}
