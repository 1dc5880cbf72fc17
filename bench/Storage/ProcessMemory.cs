namespace ActorCloud.Bench.Storage;

/// <summary>
/// Another process's resident memory from <c>/proc/&lt;pid&gt;/status</c>: <c>VmRSS</c> now, and <c>VmHWM</c>, the
/// kernel's own high-water mark, which no sampling interval can miss. Writing 5 to <c>clear_refs</c> resets the
/// mark to the current RSS (allowed for our own child), so the mark then covers just the phase.
/// </summary>
public static class ProcessMemory
{
    public static long ResidentBytes(int pid) => StatusKilobytes(pid, "VmRSS:") * 1024;

    public static long HighWaterBytes(int pid) => StatusKilobytes(pid, "VmHWM:") * 1024;

    /// <summary>Returns false where the kernel refuses (then the high-water mark covers the process's whole life).</summary>
    public static bool ResetHighWater(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long StatusKilobytes(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            var value = line.AsSpan(field.Length).Trim();
            return long.Parse(value[..value.IndexOf(' ')]);
        }
        throw new InvalidOperationException($"/proc/{pid}/status has no {field}");
    }
}
