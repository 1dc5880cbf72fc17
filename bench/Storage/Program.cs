using ActorCloud.Bench.Storage;

if (BenchArguments.Parse(args, "Storage", "leave Azurite's files, the host's data and both logs behind for inspection", out var exitCode) is not { } options) return exitCode;

var sizes = options.Quick ? BenchSizes.Quick : BenchSizes.Full;
var work = Directory.CreateTempSubdirectory("actorcloud-bench-storage-").FullName;
try
{
    return await new StorageBenchmark(sizes, work).RunAsync();
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or FileNotFoundException)
{
    // Azurite or the host did not come up: the message carries the end of its log (kept with --keep-data).
    Console.Error.WriteLine($"benchmark aborted: {e.Message}");
    return 1;
}
finally
{
    if (options.KeepData) Console.WriteLine($"kept: {work}");
    else Directory.Delete(work, recursive: true);
}
