namespace ActorCloud.Bench.Storage;

/// <summary>
/// A throughput phase: <c>files</c> uploads on both sides, then downloads of the same files, each direction run in
/// alternating rounds (<see cref="Alternation"/>). Every file has its own path, the same on both sides, so both
/// sides send identical bytes; a download must bring back exactly the uploaded size.
/// </summary>
public sealed class Phases(ActorCloudFiles actorCloud, DirectBlobs direct, Report report)
{
    /// <summary>Not reported (failures are): lets tiered JIT, connection pools and Azurite settle on both paths.</summary>
    public async Task WarmUpAsync()
    {
        await CompareAsync("warm-up 1 MB", "warmup-small", 20, BenchSizes.SmallFileBytes, 1, 5, print: false);
        await CompareAsync("warm-up 1 MB concurrent", "warmup-concurrent", 32, BenchSizes.SmallFileBytes, BenchSizes.ConcurrentClients, 16, print: false);
        await CompareAsync("warm-up 16 MB", "warmup-large", 2, 16L << 20, 1, 1, print: false);
    }

    public async Task<(Comparison Upload, Comparison Download)> CompareAsync(
        string label, string folder, int files, long size, int clients, int filesPerRound, bool print = true)
    {
        var handles = new Dictionary<IFileTarget, string?[]> { [actorCloud] = new string?[files], [direct] = new string?[files] };
        var upload = report.Row(await Alternation.RunAsync($"{label} upload", actorCloud, direct, files, filesPerRound, clients,
            async (target, i) =>
            {
                handles[target][i] = await target.UploadAsync($"bench/{folder}/{i:D4}.bin", size);
                return size;
            }), print);
        var download = report.Row(await Alternation.RunAsync($"{label} download", actorCloud, direct, files, filesPerRound, clients,
            async (target, i) =>
            {
                var handle = handles[target][i] ?? throw new InvalidOperationException("its upload failed");
                var bytes = await target.DownloadAsync(handle);
                return bytes == size ? bytes : throw new InvalidDataException($"downloaded {bytes} of {size} bytes");
            }), print);
        return (upload, download);
    }
}
