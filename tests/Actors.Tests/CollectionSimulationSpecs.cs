using ActorCloud.Actors.Tests.Support;
using ActorCloud.Testing.Simulation;
using Xunit.Abstractions;

namespace ActorCloud.Actors.Tests;

/// <summary>
/// The simulation harness users get (<c>ActorCloud.Testing</c>) run over a fixed set of seeds: a collection entity under
/// random writes, journal write failures and rejections, failed recoveries and snapshots, slow writes and passivations
/// ends equal to the model of its acknowledged writes — live, replayed afresh and recovered. A longer run with other
/// seeds: <c>bench/Simulation</c>.
/// </summary>
public sealed class CollectionSimulationSpecs(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(EntitySimulationRun.Seeds), MemberType = typeof(EntitySimulationRun))]
    public Task A_collection_entity_under_faults_keeps_exactly_its_acknowledged_writes(int seed) =>
        EntitySimulationRun.CheckAsync(CollectionSimulation.RunAsync, seed, output, leastAcknowledged: 101, leastRefused: 1);
}
