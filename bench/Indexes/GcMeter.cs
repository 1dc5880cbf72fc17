using System.Diagnostics;

namespace ActorCloud.Bench.Indexes;

/// <summary>
/// What the garbage collector and the CPU did during a phase: gen-2 collections, total GC pause time and this process's
/// CPU time (client and host together). Large heaps make every full collection dearer, which shows here.
/// </summary>
public sealed class GcMeter
{
    private readonly int _gen2 = GC.CollectionCount(2);
    private readonly TimeSpan _pause = GC.GetTotalPauseDuration();
    private readonly TimeSpan _cpu = CpuTime();
    private readonly Stopwatch _wall = Stopwatch.StartNew();

    public static GcMeter Start() => new();

    public string Describe()
    {
        var cpu = CpuTime() - _cpu;
        return $"{GC.CollectionCount(2) - _gen2} gen-2 GCs, GC pauses {Seconds(GC.GetTotalPauseDuration() - _pause)} s, " +
            $"CPU {Seconds(cpu)} s in {Seconds(_wall.Elapsed)} s wall";
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static string Seconds(TimeSpan span) => Report.Number(span.TotalSeconds, "F1");
}
