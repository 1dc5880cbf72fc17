using ActorCloud.Bench.Functions;
using BenchHost = ActorCloud.Bench.Functions.BenchHost;

if (BenchArguments.Parse(args, "Functions", "leave the hosts' data (journal, Azurite, unpacked code) behind for inspection", out var exitCode) is not { } options) return exitCode;

var sizes = options.Quick ? BenchSizes.Quick : BenchSizes.Full;
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
    if (options.KeepData) Console.WriteLine($"kept: {work}");
    else Directory.Delete(work, recursive: true);
}
