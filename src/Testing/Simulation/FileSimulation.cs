namespace ActorCloud.Testing.Simulation;

/// <summary>
/// The file workload (<see cref="FileWorkload"/>) under <see cref="EntitySimulation"/>'s faults: claims, commits,
/// deletes and revocations on a file entity end equal to a model of the acknowledged ones, live, replayed afresh and
/// recovered, and an upload id never commits twice.
/// </summary>
public static class FileSimulation
{
    public static Task<SimulationReport> RunAsync(SimulationOptions options) =>
        EntitySimulation.RunAsync(new FileWorkload(options), options);
}
