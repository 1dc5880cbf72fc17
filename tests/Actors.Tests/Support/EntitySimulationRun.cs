using ActorCloud.Testing.Simulation;
using Xunit.Abstractions;

namespace ActorCloud.Actors.Tests.Support;

/// <summary>
/// One seed of an entity workload as the suite runs it: the report is printed, and the run must have exercised the
/// entity — a run that passed by acknowledging little, refusing nothing or injecting few kinds of fault proves little.
/// </summary>
public static class EntitySimulationRun
{
    /// <summary>The suite's fixed seeds for each entity workload.</summary>
    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6];

    public static async Task CheckAsync(Func<SimulationOptions, Task<SimulationReport>> run, int seed, ITestOutputHelper output,
        int leastAcknowledged, int leastRefused)
    {
        var report = await run(new SimulationOptions(seed));
        output.WriteLine(report.Summary());
        Assert.True(report.Acknowledged >= leastAcknowledged, $"most commands should have been acknowledged, not {report.Acknowledged}");
        Assert.True(report.Refused >= leastRefused, $"conflicts and faults should have refused some commands, not {report.Refused}");
        Assert.True(report.Faults.Count >= 4, "most kinds of fault should have been injected");
    }
}
