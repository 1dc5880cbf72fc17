using ActorCloud.Actors.Tests.Support;
using ActorCloud.Testing.Simulation;
using Xunit.Abstractions;

namespace ActorCloud.Actors.Tests;

/// <summary>
/// The harness's function workload over a fixed set of seeds: a function entity under random deployments,
/// configuration changes, rollbacks, deletes and calls, with the journal failing, rejecting and delaying writes,
/// recoveries and snapshots failing and passivations, ends equal to the model of its acknowledged commands — live,
/// replayed afresh and recovered — and answers every call with the version current when it arrived, once.
/// </summary>
public sealed class FunctionSimulationSpecs(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(EntitySimulationRun.Seeds), MemberType = typeof(EntitySimulationRun))]
    public Task A_function_entity_under_faults_keeps_exactly_its_acknowledged_commands(int seed) =>
        EntitySimulationRun.CheckAsync(FunctionSimulation.RunAsync, seed, output, leastAcknowledged: 150, leastRefused: 50);
}
