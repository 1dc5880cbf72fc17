using System.Globalization;
using ActorCloud.Bench.Transactions;

// Figures print the same everywhere (1,234.5), whatever the machine's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (BenchArguments.Parse(args, "Transactions", "leave the temporary journal behind for inspection", out var exitCode) is not { } options) return exitCode;

var sizes = options.Quick ? TransferSizes.Quick : TransferSizes.Full;
var work = Directory.CreateTempSubdirectory("actorcloud-bench-txn-").FullName;
try
{
    return await new TransactionsBenchmark(sizes, work).RunAsync();
}
catch (Exception e) when (e is GatewayException or HttpRequestException or InvalidDataException)
{
    // Creating or seeding a collection failed, or the final read did: there is nothing (more) to measure.
    Console.Error.WriteLine($"benchmark aborted: {e.Message}");
    return 1;
}
finally
{
    if (options.KeepData) Console.WriteLine($"kept: {work}");
    else Directory.Delete(work, recursive: true);
}
