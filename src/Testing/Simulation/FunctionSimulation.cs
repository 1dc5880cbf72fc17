namespace ActorCloud.Testing.Simulation;

/// <summary>
/// The function workload (<see cref="FunctionWorkload"/>) under <see cref="EntitySimulation"/>'s faults: deployments,
/// configurations, rollbacks and deletes end equal to a model of the acknowledged ones, live, replayed afresh and
/// recovered, and every call is answered by the version current when it arrived.
/// </summary>
public static class FunctionSimulation
{
    public static Task<SimulationReport> RunAsync(SimulationOptions options) =>
        EntitySimulation.RunAsync(new FunctionWorkload(options), options);
}
