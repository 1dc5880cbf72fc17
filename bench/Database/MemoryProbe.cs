using System.Diagnostics;

namespace ActorCloud.Bench.Database;

/// <summary>Process memory after a full, compacting collection, so the figure is live data rather than garbage.</summary>
public sealed record MemoryProbe(long GcHeapBytes, long WorkingSetBytes)
{
    public static MemoryProbe Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return new MemoryProbe(heap, process.WorkingSet64);
    }
}
