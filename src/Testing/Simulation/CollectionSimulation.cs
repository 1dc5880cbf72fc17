namespace ActorCloud.Testing.Simulation;

/// <summary>
/// The collection workload (<see cref="CollectionWorkload"/>) under <see cref="EntitySimulation"/>'s faults: random
/// writes to one collection entity end equal to a model of the acknowledged ones, live, replayed afresh and recovered.
/// </summary>
public static class CollectionSimulation
{
    public static Task<SimulationReport> RunAsync(SimulationOptions options) =>
        EntitySimulation.RunAsync(new CollectionWorkload(options), options);
}
