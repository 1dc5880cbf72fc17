using ActorCloud.Bench.Functions;

// Two flags only, so they are parsed by hand rather than pulling in System.CommandLine.
if (args.Any(a => a is "-h" or "--help"))
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/Functions -- [--quick] [--keep-data]");
    Console.WriteLine("  --quick      small counts, a smoke run of about a minute");
    Console.WriteLine("  --keep-data  leave the hosts' data (journal, Azurite, unpacked code) behind for inspection");
    return 0;
}
var unknown = args.Where(a => a is not ("--quick" or "--keep-data")).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"unknown option(s): {string.Join(' ', unknown)} (try --help)");
    return 2;
}

var sizes = args.Contains("--quick") ? BenchSizes.Quick : BenchSizes.Full;
var work = Directory.CreateTempSubdirectory("actorcloud-bench-functions-").FullName;
// Function processes run as an unprivileged user when the host is root: they must be able to pass through this
// folder (created 0700) to reach the unpacked code under <data>/functions.
if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(work, File.GetUnixFileMode(work) | UnixFileMode.OtherExecute);
try
{
    return await new FunctionsBenchmark(sizes, work, BenchHost.FindRepository()).RunAsync();
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or GatewayException or HttpRequestException or InvalidDataException)
{
    // The host, Azurite, a deployment or a new function's first call failed: there is nothing (more) to measure.
    Console.Error.WriteLine($"benchmark aborted: {e.Message}");
    return 1;
}
finally
{
    if (args.Contains("--keep-data")) Console.WriteLine($"kept: {work}");
    else Directory.Delete(work, recursive: true);
}
