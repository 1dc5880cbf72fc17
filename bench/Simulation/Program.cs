using System.Diagnostics;
using System.Globalization;
using ActorCloud.Bench.Shared;
using ActorCloud.Testing.Simulation;

// The long run of the simulation harness the test suite runs with a few fixed seeds: many more seeds, many more steps,
// seeds that differ from run to run (the first is printed; a failing one is printed with how to repeat it).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (BenchArguments.Parse(args, "Simulation", "(nothing is kept: simulations use temporary files only)", out var exitCode) is not { } options) return exitCode;

var first = Environment.GetEnvironmentVariable("SIMULATION_FIRST_SEED") is { } given ? int.Parse(given) : Random.Shared.Next(1_000_000);
var (entitySeeds, entitySteps, clusterSeeds, clusterSteps) = options.Quick ? (6, 300, 1, 100) : (100, 1000, 6, 300);
Console.WriteLine($"seeds from {first} (SIMULATION_FIRST_SEED={first} repeats this run)");

var failures = 0;
async Task RunAsync(string kind, int seed, Func<Task<SimulationReport>> run)
{
    var clock = Stopwatch.StartNew();
    try
    {
        var report = await run();
        Console.WriteLine($"{kind} {report.Summary()} ({clock.Elapsed.TotalSeconds:0.0} s)");
    }
    catch (SimulationFailure failure)
    {
        failures++;
        Console.WriteLine($"{kind} seed {seed}: FAILED\n{failure.Message}");
    }
}

// Each entity workload gets its own seeds, so one printed seed names one run.
(string Kind, Func<SimulationOptions, Task<SimulationReport>> Run)[] workloads =
[
    ("collection", CollectionSimulation.RunAsync),
    ("file", FileSimulation.RunAsync),
    ("function", FunctionSimulation.RunAsync),
];
var total = Stopwatch.StartNew();
var runs = 0;
foreach (var (kind, run) in workloads)
{
    for (var i = 0; i < entitySeeds; i++, runs++)
    {
        var seed = first + runs;
        await RunAsync(kind, seed, () => run(new SimulationOptions(seed) { Steps = entitySteps, CheckEvery = 100 }));
    }
}
for (var i = 0; i < clusterSeeds; i++, runs++)
{
    var seed = first + runs;
    await RunAsync("cluster", seed, () => ClusterSimulation.RunAsync(new SimulationOptions(seed) { Steps = clusterSteps, FaultRate = 0.08, CheckEvery = 100 }));
}
Console.WriteLine($"{runs} runs, {failures} failed, {total.Elapsed.TotalMinutes:0.0} min");
return failures > 0 ? 1 : 0;
