namespace ActorCloud.Bench.Database;

/// <summary>How many operations each phase runs. The raw baseline writes the same documents as the single inserts.</summary>
public sealed record BenchSizes(
    string Mode, int SingleInserts, int BatchRequests, int BatchSize, int CollectionSize, int PointGets,
    int SelectiveQueries, int ScanQueries, int Updates, int Counts, int RecoveryEvents)
{
    public static readonly BenchSizes Full = new(
        "full", SingleInserts: 10_000, BatchRequests: 200, BatchSize: 100, CollectionSize: 100_000, PointGets: 100_000,
        SelectiveQueries: 2_000, ScanQueries: 100, Updates: 20_000, Counts: 100, RecoveryEvents: 100_000);

    public static readonly BenchSizes Quick = new(
        "quick", SingleInserts: 1_000, BatchRequests: 20, BatchSize: 100, CollectionSize: 10_000, PointGets: 5_000,
        SelectiveQueries: 500, ScanQueries: 50, Updates: 1_000, Counts: 50, RecoveryEvents: 10_000);
}
