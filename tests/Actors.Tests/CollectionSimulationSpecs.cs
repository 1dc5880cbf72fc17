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
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task A_collection_entity_under_faults_keeps_exactly_its_acknowledged_writes(int seed)
    {
        var report = await CollectionSimulation.RunAsync(new SimulationOptions(seed));
        output.WriteLine($"seed {seed}: {report.Acknowledged} acknowledged, {report.Refused} refused, {report.Checks} checks, " +
                         $"faults {string.Join(", ", report.Faults.Select(f => $"{f.Key} {f.Value}"))}");
        Assert.True(report.Acknowledged > 100, "most commands should have been acknowledged");
        Assert.True(report.Refused > 0, "faults and conflicts should have refused some commands");
        Assert.True(report.Faults.Count >= 4, "most kinds of fault should have been injected");
    }
}
