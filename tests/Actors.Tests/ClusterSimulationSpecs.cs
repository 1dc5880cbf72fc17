using ActorCloud.Testing.Simulation;
using Xunit.Abstractions;

namespace ActorCloud.Actors.Tests;

/// <summary>
/// The harness's in-process cluster (three actor systems on loopback, one SQLite journal) over fixed seeds: writes to
/// six collections through random nodes while nodes leave and join and shards rebalance; every collection ends equal to
/// the model of its writes — live, replayed afresh, and recovered by a new node alone.
/// </summary>
public sealed class ClusterSimulationSpecs(ITestOutputHelper output)
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Collections_keep_exactly_their_acknowledged_writes_while_nodes_leave_and_join(int seed)
    {
        var report = await ClusterSimulation.RunAsync(new SimulationOptions(seed) { Steps = 80, FaultRate = 0.1, CheckEvery = 40 });
        output.WriteLine(report.Summary());
        Assert.True(report.Acknowledged > 100, "most writes should have been acknowledged");
        Assert.True(report.Faults.GetValueOrDefault("NodeLeft") + report.Faults.GetValueOrDefault("NodeJoined") >= 3,
            "nodes should have left and joined");
    }
}
