namespace ActorCloud.Bench.Functions;

/// <summary>How many calls each phase makes; warm-ups repeat their calls until they have lasted WarmUpSeconds.</summary>
public sealed record BenchSizes(
    string Mode, int WarmUpCalls, int WarmUpSeconds, int LatencyCalls, int ThroughputCalls, int ColdStarts, int SpawnCalls, int RaisedConcurrency)
{
    public static readonly BenchSizes Full = new(
        "full", WarmUpCalls: 3_000, WarmUpSeconds: 10, LatencyCalls: 5_000, ThroughputCalls: 20_000, ColdStarts: 20, SpawnCalls: 200, RaisedConcurrency: 32);

    public static readonly BenchSizes Quick = new(
        "quick", WarmUpCalls: 1_000, WarmUpSeconds: 3, LatencyCalls: 1_000, ThroughputCalls: 3_000, ColdStarts: 5, SpawnCalls: 40, RaisedConcurrency: 32);

    /// <summary>Closed-loop client counts of the throughput phases.</summary>
    public static readonly int[] ClientCounts = [16, 32];
}
