namespace ActorCloud.Bench.History;

/// <summary>
/// How much each phase does. <see cref="Inserts"/> single inserts make the history; the updates and removes (by
/// <c>_id</c>, one event each) mix its operations. The watch writer sends <see cref="WatchEvents"/> inserts at
/// <see cref="WatchRate"/> per second to <see cref="Watchers"/> connections.
/// </summary>
public sealed record BenchSizes(
    string Mode, int Inserts, int Updates, int Removes, int AsOfSeqPoints, int AsOfTimePoints, int Watchers, int WatchEvents, int WatchRate)
{
    public static readonly BenchSizes Full = new(
        "full", Inserts: 100_000, Updates: 500, Removes: 200, AsOfSeqPoints: 50, AsOfTimePoints: 5,
        Watchers: 200, WatchEvents: 2_000, WatchRate: 100);

    public static readonly BenchSizes Quick = new(
        "quick", Inserts: 10_000, Updates: 300, Removes: 100, AsOfSeqPoints: 50, AsOfTimePoints: 5,
        Watchers: 200, WatchEvents: 500, WatchRate: 100);

    /// <summary>Unreported: the read and as-of paths run once on a small collection before anything is measured.</summary>
    public static readonly BenchSizes WarmUp = new(
        "warm-up", Inserts: 2_000, Updates: 100, Removes: 50, AsOfSeqPoints: 10, AsOfTimePoints: 2,
        Watchers: 0, WatchEvents: 0, WatchRate: 1);

    /// <summary>The collection's whole history: its creation, then one event per write.</summary>
    public long HistoryEvents => 1L + Inserts + Updates + Removes;
}
