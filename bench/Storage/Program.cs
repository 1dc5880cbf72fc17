using ActorCloud.Bench.Storage;

// Two flags only, so they are parsed by hand rather than pulling in System.CommandLine.
if (args.Any(a => a is "-h" or "--help"))
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/Storage -- [--quick] [--keep-data]");
    Console.WriteLine("  --quick      small counts, a smoke run of about a minute");
    Console.WriteLine("  --keep-data  leave Azurite's files, the host's data and both logs behind for inspection");
    return 0;
}
var unknown = args.Where(a => a is not ("--quick" or "--keep-data")).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"unknown option(s): {string.Join(' ', unknown)} (try --help)");
    return 2;
}

var sizes = args.Contains("--quick") ? BenchSizes.Quick : BenchSizes.Full;
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
    if (args.Contains("--keep-data")) Console.WriteLine($"kept: {work}");
    else Directory.Delete(work, recursive: true);
}
