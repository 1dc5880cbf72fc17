using ActorCloud.Persistence.Blobs;
using System.Runtime.InteropServices;

namespace ActorCloud.Bench.Storage;

/// <summary>
/// The run, in order: start Azurite and the host (a separate process); warm both paths up; the memory phase
/// (one large upload with the host's RSS sampled); throughput of 1 MB files from one client and from eight, and of
/// 100 MB files, each as uploads then downloads, ActorCloud and direct in alternating rounds; the summary.
/// </summary>
public sealed class StorageBenchmark(BenchSizes sizes, string workDirectory)
{
    public const double RatioTarget = 0.8;

    private readonly Report _report = new();

    /// <summary>Runs everything; returns the process exit code (1 when any transfer failed).</summary>
    public async Task<int> RunAsync()
    {
        // The host's own way of running Azurite (files and log under work/azurite, a key of this run, SIGTERM to stop).
        var azurite = AzuriteServer.StartOrReuse(workDirectory, AzuriteServer.FindStartScript());
        try
        {
            var data = Directory.CreateDirectory(Path.Combine(workDirectory, "host")).FullName;
            var host = await HostProcess.StartAsync(data, azurite.ConnectionString, Path.Combine(workDirectory, "host.log"));
            try
            {
                PrintSetup(azurite, host);
                using var actorCloud = new ActorCloudFiles(host.BaseAddress, HostProcess.Env, host.AdminKey);
                var direct = await DirectBlobs.ConnectAsync(azurite.ConnectionString);
                return await RunPhasesAsync(host, actorCloud, direct);
            }
            finally
            {
                await host.StopAsync();
            }
        }
        finally
        {
            azurite.Dispose();
        }
    }

    private async Task<int> RunPhasesAsync(HostProcess host, ActorCloudFiles actorCloud, DirectBlobs direct)
    {
        var phases = new Phases(actorCloud, direct, _report);
        await phases.WarmUpAsync();
        var memory = await MemoryPhase.RunAsync(host.Pid, actorCloud, sizes.MemoryFileBytes, _report);

        Report.Section("Throughput: ActorCloud (metadata/URL action + PUT/GET) vs Azure.Storage.Blobs direct, same Azurite");
        Report.Header();
        const int clients = BenchSizes.ConcurrentClients;
        var small = await phases.CompareAsync("1 MB", "small", sizes.SmallFiles, BenchSizes.SmallFileBytes, 1, sizes.SmallRound);
        var concurrent = await phases.CompareAsync($"1 MB, {clients} clients", "concurrent", sizes.ConcurrentFiles,
            BenchSizes.SmallFileBytes, clients, sizes.ConcurrentRound);
        var large = await phases.CompareAsync("100 MB", "large", sizes.LargeFiles, BenchSizes.LargeFileBytes, 1, 1);
        Report.Line("host RSS after all phases", Report.Megabytes(ProcessMemory.ResidentBytes(host.Pid)));

        _report.Summary(
        [
            Ratio(small.Upload), Ratio(small.Download), Ratio(concurrent.Upload), Ratio(concurrent.Download),
            Ratio(large.Upload), Ratio(large.Download),
            new($"host RSS growth, {Report.FileSize(sizes.MemoryFileBytes)} upload",
                $"{Report.Megabytes(memory.GrowthBytes)} ({Report.Megabytes(memory.BaselineBytes)} -> {Report.Megabytes(memory.PeakBytes)})",
                "< 100 MB", memory.Transfer.Errors == 0 && memory.GrowthBytes < MemoryPhase.GrowthTargetBytes),
        ]);
        return _report.HasErrors ? 1 : 0;
    }

    private static TargetCheck Ratio(Comparison c) => new(c.Name,
        $"{Report.Number(c.ActorCloud.MegabytesPerSecond, "F1")} / {Report.Number(c.Direct.MegabytesPerSecond, "F1")} MB/s = {Report.Number(c.Ratio, "F2")}",
        $">= {RatioTarget:F1}", c.Ratio >= RatioTarget);

    private void PrintSetup(AzuriteServer azurite, HostProcess host)
    {
        Report.Section($"ActorCloud storage benchmark ({sizes.Mode} run)");
        Report.Line("machine", $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Report.Line("host", $"pid {host.Pid}, {host.BaseAddress} (separate process, server GC)");
        Report.Line("Azurite", $"pid {azurite.Pid}, shared by ActorCloud and the direct baseline");
        Report.Line("content", "pseudo-random bytes generated while read (non-seekable stream), same for both paths");
        Report.Line("MB", "2^20 bytes");
        Report.Line("data and logs", workDirectory);
    }
}
