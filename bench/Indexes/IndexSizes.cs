namespace ActorCloud.Bench.Indexes;

/// <summary>
/// How big the collection is and how many requests each phase sends. Unindexed queries scan the whole collection, so
/// they get a few hundred requests; indexed ones are cheap and get more, for steadier percentiles.
/// </summary>
public sealed record IndexSizes(
    string Mode, int Documents, int BatchSize, int FillClients, int InsertCheckDocuments,
    int ScanQueries, int ScanQueriesContended, int OrderedScanQueries, int IndexedQueries, int IndexedQueriesContended)
{
    /// <summary>Clients of the throughput lines; the latency lines use one.</summary>
    public const int QueryClients = 16;

    public static readonly IndexSizes Full = new(
        "full", Documents: 1_000_000, BatchSize: 1_000, FillClients: 4, InsertCheckDocuments: 50_000,
        ScanQueries: 200, ScanQueriesContended: 200, OrderedScanQueries: 100, IndexedQueries: 2_000, IndexedQueriesContended: 20_000);

    public static readonly IndexSizes Quick = new(
        "quick", Documents: 100_000, BatchSize: 1_000, FillClients: 4, InsertCheckDocuments: 10_000,
        ScanQueries: 200, ScanQueriesContended: 200, OrderedScanQueries: 100, IndexedQueries: 1_000, IndexedQueriesContended: 5_000);
}
