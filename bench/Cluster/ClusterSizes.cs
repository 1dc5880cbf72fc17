namespace ActorCloud.Bench.Cluster;

/// <summary>How much each phase does: the full run (issue 9's figures) or a quick smoke run of a few minutes.</summary>
public sealed record ClusterSizes(string Mode, int WarmUpInserts, int Inserts, int Kills, int BaselineKills, int ReplayEvents)
{
    /// <summary>Closed-loop clients of the throughput phase and of the event writer of the recovery phase.</summary>
    public const int Clients = 48;

    /// <summary>Collections written by the throughput phase and probed by the failover phase: about 8 per node of 3.</summary>
    public const int Collections = 24;

    public static ClusterSizes Full { get; } = new("full", WarmUpInserts: 2_000, Inserts: 12_000, Kills: 10, BaselineKills: 2, ReplayEvents: 100_000);

    public static ClusterSizes Quick { get; } = new("quick", WarmUpInserts: 500, Inserts: 4_000, Kills: 3, BaselineKills: 1, ReplayEvents: 20_000);
}
