using ActorCloud.Documents.Storage;

namespace ActorCloud.Actors.Collections;

/// <summary>
/// Tuning for collection entities. A snapshot is taken once <see cref="SnapshotEvery"/> documents were written since
/// the last one, or a quarter of the collection's size when that is larger, so the cost of writing snapshots stays a
/// bounded share of the write cost for large collections while recovery replays a bounded tail. Documents, not events:
/// one event may write a thousand documents.
/// </summary>
public sealed record CollectionSettings(int SnapshotEvery = 1000)
{
    /// <summary>How long a write may wait for concurrent writers to join its batch (see the collection actor).</summary>
    public TimeSpan GatherWindow { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>How long a prepared transaction is held before the collection asks its coordinator for the decision.</summary>
    public TimeSpan HeldTransactionCheck { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How much of each collection's documents stays in memory before the rest spills to disk.</summary>
    public StorageBudget Storage { get; init; } = StorageBudget.Unlimited;

    public long SnapshotThreshold(int documentCount) => Math.Max(SnapshotEvery, documentCount / 4);
}
