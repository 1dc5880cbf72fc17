namespace ActorCloud.Bench.Storage;

/// <summary>The host's resident memory before one large transfer and its peak during it.</summary>
public sealed record MemoryResult(long BaselineBytes, long PeakBytes, int Samples, long? HighWaterBytes, TransferResult Transfer)
{
    public long GrowthBytes => PeakBytes - BaselineBytes;
}

/// <summary>
/// One large upload through ActorCloud while the host's RSS is sampled: the upload endpoint streams into 4 MiB
/// blocks, so the host's memory should grow by a few blocks and buffers whatever the file's size. The size
/// ActorCloud recorded is checked with <c>actorcloud.listFileVersions</c>; then the file is downloaded under
/// the same sampling, for information.
/// </summary>
public static class MemoryPhase
{
    public const long GrowthTargetBytes = 100L << 20;
    private const string Path = "bench/memory/large.bin";

    public static async Task<MemoryResult> RunAsync(int hostPid, ActorCloudFiles actorCloud, long size, Report report)
    {
        Report.Section($"Memory: one {Report.FileSize(size)} file through ActorCloud, host RSS sampled every 20 ms");
        // A moment for the warm-up's last requests (and their logging and collections) to settle.
        await Task.Delay(TimeSpan.FromSeconds(2));
        string? fileId = null;
        var upload = await SampleAsync(hostPid, 1, async _ =>
        {
            fileId = await actorCloud.UploadAsync(Path, size);
            return size;
        });
        Print("upload", upload);
        report.Failed("memory upload", upload.Transfer);

        if (fileId is not null)
        {
            var recorded = await actorCloud.RecordedSizeAsync(fileId);
            Report.Line("size recorded by listFileVersions", $"{recorded:N0} bytes ({(recorded == size ? "as sent" : $"expected {size:N0}")})");
            if (recorded != size) report.Failure($"'memory upload': ActorCloud recorded {recorded} bytes of {size}");
            var download = await SampleAsync(hostPid, 1, async _ =>
            {
                var bytes = await actorCloud.DownloadAsync(fileId);
                return bytes == size ? bytes : throw new InvalidDataException($"downloaded {bytes} of {size} bytes");
            });
            Print("download (no target)", download);
            report.Failed("memory download", download.Transfer);
        }
        return upload;
    }

    private static async Task<MemoryResult> SampleAsync(int pid, int count, Func<int, Task<long>> transfer)
    {
        var baseline = ProcessMemory.ResidentBytes(pid);
        var markReset = ProcessMemory.ResetHighWater(pid);
        var sampler = RssSampler.Start(pid);
        TransferResult result;
        try
        {
            result = await TransferRunner.RunAsync(0, count, 1, transfer);
        }
        finally
        {
            sampler.Dispose();
        }
        long? highWater = markReset ? ProcessMemory.HighWaterBytes(pid) : null;
        return new MemoryResult(baseline, Math.Max(sampler.PeakBytes, baseline), sampler.Samples, highWater, result);
    }

    private static void Print(string what, MemoryResult m)
    {
        Report.Line($"{what}: rate", $"{Report.Number(m.Transfer.MegabytesPerSecond, "F1")} MB/s ({Report.Number(m.Transfer.Elapsed.TotalSeconds, "F1")} s)");
        Report.Line($"{what}: host RSS before", Report.Megabytes(m.BaselineBytes));
        Report.Line($"{what}: host RSS peak", $"{Report.Megabytes(m.PeakBytes)} ({m.Samples} samples)" +
            (m.HighWaterBytes is { } hwm ? $"; kernel high-water mark {Report.Megabytes(hwm)}" : ""));
        Report.Line($"{what}: peak growth", Report.Megabytes(m.GrowthBytes));
    }
}
