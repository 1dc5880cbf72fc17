using System.Runtime;

namespace ActorCloud.Bench.Functions;

/// <summary>Lines about the run rather than a phase: the machine and setup first, the warm processes' memory per host.</summary>
public static class RunInfo
{
    public static void PrintSetup(BenchSizes sizes, string workDirectory, string node)
    {
        Report.Section($"ActorCloud functions benchmark ({sizes.Mode} run)");
        Report.Line("machine", $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC; clients and host share this process");
        Report.Line("load average at start", File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?");
        Report.Line("node", $"{SpawnBaseline.Version(node)}; functions run as {(Environment.IsPrivilegedProcess ? "the sandbox user (setpriv)" : "this user")}");
        Report.Line("call", $"functions.invokeFunction, request_data {ActionBodies.Event}, HTTP/1.1 keep-alive, closed loop");
        Report.Line("data", workDirectory);
    }

    /// <summary>What the host's warm processes hold: each stays until idle past <c>Functions:IdleTimeout</c> (5 min).</summary>
    public static void PrintMemory(BenchHost host)
    {
        var rss = NodeProcesses.ResidentBytes(NodeProcesses.Serving(host.Data, sha256: null)).Order().ToArray();
        if (rss.Length == 0) return;
        Report.Line("warm node processes alive", $"{rss.Length}, resident {Megabytes(rss.Sum())} MB in all " +
            $"(each {Megabytes(rss[0])}-{Megabytes(rss[^1])} MB, median {Megabytes(rss[rss.Length / 2])})");
    }

    private static string Megabytes(long bytes) => Report.Number(bytes / 1048576.0);
}
