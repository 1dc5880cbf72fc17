using ActorCloud.Actors.Tests.Support;
using ActorCloud.Testing.Simulation;
using Xunit.Abstractions;

namespace ActorCloud.Actors.Tests;

/// <summary>
/// The harness's file workload over a fixed set of seeds: a file entity under random upload claims and commits (some
/// with an expected version, some reusing an upload id), deletes and URL revocations, with the journal failing,
/// rejecting and delaying writes, recoveries and snapshots failing and passivations, ends equal to the model of its
/// acknowledged commands — live, replayed afresh and recovered — and never commits an upload id twice.
/// </summary>
public sealed class FileSimulationSpecs(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(EntitySimulationRun.Seeds), MemberType = typeof(EntitySimulationRun))]
    public Task A_file_entity_under_faults_keeps_exactly_its_acknowledged_commands(int seed) =>
        EntitySimulationRun.CheckAsync(FileSimulation.RunAsync, seed, output, leastAcknowledged: 150, leastRefused: 50);
}
