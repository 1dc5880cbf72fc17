using System.Diagnostics;
using System.Runtime;

namespace ActorCloud.Bench.Functions;

/// <summary>
/// CPU per call during a phase: this process (load generator and host together) and the function's node processes;
/// how many of those were alive and how many answered calls; and how many methods the JIT compiled meanwhile (a
/// warm process compiles few: hundreds mean tiered compilation was still promoting methods, which costs CPU).
/// </summary>
public sealed record CpuPerCall(double HostAndClientMs, double KernelShare, double NodeMs, int NodeProcesses, int BusyProcesses, long JitMethods)
{
    public override string ToString()
    {
        var dotnet = $"CPU/call .NET {Report.Number(HostAndClientMs, "F2")} ms ({Report.Number(KernelShare * 100)} % kernel)";
        var jit = JitMethods > 0 ? $"; JIT {JitMethods}" : "";
        return (NodeProcesses == 0 ? dotnet : $"{BusyProcesses}/{NodeProcesses} procs busy; {dotnet} + node {Report.Number(NodeMs, "F2")} ms") + jit;
    }
}

/// <summary>Takes CPU times before a phase and the difference after it.</summary>
public sealed class CpuMeter
{
    private readonly string _data;
    private readonly string? _sha256;
    private readonly (TimeSpan Total, TimeSpan Kernel) _self;
    private readonly long _jitMethods;
    private readonly Dictionary<int, (TimeSpan Cpu, long Written)> _node;

    /// <summary><paramref name="sha256"/>: the code package whose node processes count (null: a C# function).</summary>
    public CpuMeter(string data, string? sha256)
    {
        _data = data;
        _sha256 = sha256;
        _node = NodeCpu();
        _self = SelfCpu();
        _jitMethods = JitInfo.GetCompiledMethodCount();
    }

    public CpuPerCall PerCall(int calls)
    {
        var (total, kernel) = SelfCpu();
        var self = total - _self.Total;
        var node = NodeCpu();
        // Processes started during the phase count from zero; one that exited meanwhile is missing (none should).
        var used = node.Sum(p => (p.Value.Cpu - _node.GetValueOrDefault(p.Key).Cpu).TotalMilliseconds);
        // Busy: answered at least 1 % of the calls (10 at least), judged by bytes written against the phase's average
        // per call; a fresh node process also writes a little on its own (8-byte wake-ups of its event loop).
        var written = node.Select(p => p.Value.Written - _node.GetValueOrDefault(p.Key).Written).ToList();
        var perCall = written.Sum() / (double)calls;
        var busy = written.Count(bytes => bytes >= Math.Max(10, calls / 100) * perCall);
        return new CpuPerCall(self.TotalMilliseconds / calls, (kernel - _self.Kernel) / self, used / calls, node.Count, busy,
            JitInfo.GetCompiledMethodCount() - _jitMethods);
    }

    private static (TimeSpan Total, TimeSpan Kernel) SelfCpu()
    {
        using var process = Process.GetCurrentProcess();
        return (process.TotalProcessorTime, process.PrivilegedProcessorTime);
    }

    private Dictionary<int, (TimeSpan Cpu, long Written)> NodeCpu() =>
        _sha256 is null ? [] : NodeProcesses.Usage(NodeProcesses.Serving(_data, _sha256));
}
