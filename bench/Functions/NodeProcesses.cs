namespace ActorCloud.Bench.Functions;

/// <summary>
/// The host's warm node processes for one code package, found in <c>/proc</c> by their command line (<c>bootstrap.js</c>
/// with read access to <c>&lt;data&gt;/functions/{sha256}</c>, see <c>NodeLaunch</c>), and the CPU they used. A process
/// is started only for a call, so the live ones are those that served the package's calls.
/// </summary>
public static class NodeProcesses
{
    /// <summary>Clock ticks per second of <c>/proc/&lt;pid&gt;/stat</c> (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The processes of one code package (<paramref name="sha256"/>), or of every package (null).</summary>
    public static IReadOnlyList<int> Serving(string data, string? sha256)
    {
        var readAccess = "--allow-fs-read=" + Path.GetFullPath(Path.Combine(data, "functions", sha256 ?? ""));
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var arguments = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                var ofPackage = arguments.Any(a => sha256 is null ? a.StartsWith(readAccess, StringComparison.Ordinal) : a == readAccess);
                if (ofPackage && arguments.Any(a => a.EndsWith("bootstrap.js", StringComparison.Ordinal))) pids.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Exited while being looked at, or not ours to read.
            }
        }
        return pids;
    }

    /// <summary>Resident memory (<c>VmRSS</c>) of each process, in bytes.</summary>
    public static long[] ResidentBytes(IEnumerable<int> pids) => pids.Select(pid =>
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line[6..].Trim().Split(' ')[0]) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return 0L;
        }
    }).Where(bytes => bytes > 0).ToArray();

    /// <summary>
    /// Per process: user plus system CPU, and bytes written (<c>/proc/&lt;pid&gt;/io</c> <c>wchar</c>), nearly all of
    /// them answer frames (<c>bootstrap.js</c> captures the function's own output; node's internal wake-ups write
    /// 8 bytes at a time). Absent: exited, or not started yet.
    /// </summary>
    public static Dictionary<int, (TimeSpan Cpu, long Written)> Usage(IEnumerable<int> pids)
    {
        var usage = new Dictionary<int, (TimeSpan, long)>();
        foreach (var pid in pids)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var cpu = TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond);
                var written = File.ReadLines($"/proc/{pid}/io").First(l => l.StartsWith("wchar:", StringComparison.Ordinal))[6..];
                usage[pid] = (cpu, long.Parse(written));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Exited meanwhile: its CPU is not counted.
            }
        }
        return usage;
    }
}
