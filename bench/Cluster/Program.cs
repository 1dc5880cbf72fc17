using System.Globalization;
using ActorCloud.Bench.Cluster;

// Figures print the same everywhere (1,234.5), whatever the machine's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (BenchArguments.Parse(args, "Cluster", "keep each cluster's node logs and data (ACTORCLOUD_KEEP_CLUSTER=1)", out var exitCode) is not { } options) return exitCode;
// LocalCluster reads this when it is disposed.
if (options.KeepData) Environment.SetEnvironmentVariable("ACTORCLOUD_KEEP_CLUSTER", "1");

try
{
    return await new ClusterBenchmark(options.Quick ? ClusterSizes.Quick : ClusterSizes.Full).RunAsync();
}
catch (Exception e) when (e is GatewayException or HttpRequestException or InvalidDataException or TimeoutException or InvalidOperationException)
{
    // A cluster did not start or settle, or a collection could not be created: there is nothing (more) to measure.
    Console.Error.WriteLine($"benchmark aborted: {e.GetType().Name}: {e.Message}");
    return 1;
}
