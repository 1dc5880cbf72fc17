using System.Diagnostics;

namespace ActorCloud.Bench.Cluster;

/// <summary>
/// CPU time per operation of a phase, by whom: the node processes, PostgreSQL (its server process, the backends it
/// has reaped and those still running) and this process (the clients). Per operation rather than as a share of the
/// machine, so that other work running on the machine at the same time does not blur it.
/// </summary>
public sealed record CpuPerOperation(double NodesMs, double PostgresMs, double ClientsMs)
{
    public override string ToString() => $"CPU/insert: nodes {NodesMs:F2} ms, PostgreSQL {PostgresMs:F2} ms, clients {ClientsMs:F2} ms";
}

/// <summary>Takes the CPU times of a cluster's processes before a phase; <see cref="PerOperation"/> the difference after it.</summary>
public sealed class ClusterCpu
{
    // USER_HZ, the unit of /proc/<pid>/stat's times: 100 on every Linux build that matters here.
    private const double TicksPerMs = 0.1;

    private readonly BenchCluster _cluster;
    private readonly (double Nodes, double Postgres, double Clients) _start;

    public ClusterCpu(BenchCluster cluster)
    {
        _cluster = cluster;
        _start = Sample();
    }

    /// <summary>Null off Linux, where there is no /proc to read.</summary>
    public CpuPerOperation? PerOperation(int operations)
    {
        if (!File.Exists("/proc/self/stat")) return null;
        var end = Sample();
        return new CpuPerOperation((end.Nodes - _start.Nodes) / operations, (end.Postgres - _start.Postgres) / operations,
            (end.Clients - _start.Clients) / operations);
    }

    private (double Nodes, double Postgres, double Clients) Sample()
    {
        if (!File.Exists("/proc/self/stat")) return default;
        var nodes = _cluster.Nodes.Where(n => n.IsRunning).Sum(n => Times(n.Pid)?.Own ?? 0);
        // The server process's children: with unpooled connections most backends live for one query, and their time
        // is added to the server's own children's time when it reaps them.
        var postgres = 0.0;
        if (PostgresPid(_cluster.PostgresPort) is { } server)
        {
            postgres = Times(server) is { } t ? t.Own + t.Children : 0;
            postgres += Children(server).Sum(pid => Times(pid)?.Own ?? 0);
        }
        using var self = Process.GetCurrentProcess();
        return (nodes, postgres, self.TotalProcessorTime.TotalMilliseconds);
    }

    /// <summary>utime + stime and cutime + cstime of a process, in ms; null once it has gone.</summary>
    private static (double Own, double Children)? Times(int pid)
    {
        var fields = StatFields(pid);
        if (fields is null) return null;
        // After "pid (comm)": state is field 3, so utime (14), stime (15), cutime (16), cstime (17) are at 11-14 here.
        return ((long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerMs, (long.Parse(fields[13]) + long.Parse(fields[14])) / TicksPerMs);
    }

    /// <summary>The fields of /proc/pid/stat after the command name (which may hold spaces), from the state on.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static IEnumerable<int> Processes() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(n => int.Parse(n!));

    private static IEnumerable<int> Children(int parent) => Processes().Where(pid => StatFields(pid) is { } f && f[1] == parent.ToString());

    /// <summary>The PostgreSQL server listening on the port: the <c>postgres</c> process started with <c>-p port</c>.</summary>
    private static int? PostgresPid(int port)
    {
        foreach (var pid in Processes())
        {
            string[] arguments;
            try
            {
                arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            }
            catch (IOException)
            {
                continue;
            }
            if (Path.GetFileName(arguments[0]) == "postgres" && arguments.Zip(arguments.Skip(1)).Any(a => a is ("-p", var p) && p == port.ToString()))
                return pid;
        }
        return null;
    }
}
