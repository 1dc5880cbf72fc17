using ActorCloud.Bench.History;

if (BenchArguments.Parse(args, "History", "leave the temporary journal behind for inspection", out var exitCode) is not { } options) return exitCode;

var sizes = options.Quick ? BenchSizes.Quick : BenchSizes.Full;
var work = Directory.CreateTempSubdirectory("actorcloud-bench-history-").FullName;
try
{
    return await new HistoryBenchmark(sizes, work).RunAsync();
}
catch (Exception e) when (e is GatewayException or HttpRequestException or InvalidDataException or TimeoutException or KeyNotFoundException)
{
    // Creating a collection or opening the first watcher failed: there is nothing (more) to measure.
    Console.Error.WriteLine($"benchmark aborted: {e.Message}");
    return 1;
}
finally
{
    if (options.KeepData) Console.WriteLine($"kept: {work}");
    else Directory.Delete(work, recursive: true);
}
