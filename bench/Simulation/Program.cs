using System.Diagnostics;
using System.Globalization;
using ActorCloud.Bench.Shared;
using ActorCloud.Testing.Simulation;

// The long run of the simulation harness the test suite runs with a few fixed seeds: many more seeds, many more steps,
// seeds that differ from run to run (the first is printed; a failing one is printed with how to repeat it).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (BenchArguments.Parse(args, "Simulation", "(nothing is kept: simulations use temporary files only)", out var exitCode) is not { } options) return exitCode;

var first = Environment.GetEnvironmentVariable("SIMULATION_FIRST_SEED") is { } given ? int.Parse(given) : Random.Shared.Next(1_000_000);
var (entitySeeds, entitySteps, clusterSeeds, clusterSteps) = options.Quick ? (10, 300, 1, 100) : (100, 1000, 6, 300);
Console.WriteLine($"seeds from {first} (SIMULATION_FIRST_SEED={first} repeats this run)");

var failures = 0;
async Task RunAsync(string kind, int seed, Func<Task<SimulationReport>> run)
{
    var clock = Stopwatch.StartNew();
    try
    {
        var report = await run();
        Console.WriteLine($"{kind} seed {seed}: {report.Acknowledged} acknowledged, {report.Refused} refused, {report.Checks} checks, " +
                          $"{string.Join(", ", report.Faults.OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value}"))} ({clock.Elapsed.TotalSeconds:0.0} s)");
    }
    catch (SimulationFailure failure)
    {
        failures++;
        Console.WriteLine($"{kind} seed {seed}: FAILED\n{failure.Message}");
    }
}

var total = Stopwatch.StartNew();
for (var i = 0; i < entitySeeds; i++)
{
    var seed = first + i;
    await RunAsync("entity", seed, () => CollectionSimulation.RunAsync(new SimulationOptions(seed) { Steps = entitySteps, CheckEvery = 100 }));
}
for (var i = 0; i < clusterSeeds; i++)
{
    var seed = first + entitySeeds + i;
    await RunAsync("cluster", seed, () => ClusterSimulation.RunAsync(new SimulationOptions(seed) { Steps = clusterSteps, FaultRate = 0.08, CheckEvery = 100 }));
}
Console.WriteLine($"{entitySeeds + clusterSeeds} runs, {failures} failed, {total.Elapsed.TotalMinutes:0.0} min");
return failures > 0 ? 1 : 0;
