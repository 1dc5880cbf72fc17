using ActorCloud.Actors.Collections;
using Akka.Actor;
using Akka.Persistence;

namespace ActorCloud.Persistence.Queries;

/// <summary>Where in a collection's history to look: after event <c>Seq</c>, or as it stood at <c>Time</c>.</summary>
public sealed record PointInHistory(long? Seq, DateTime? Time)
{
    public bool Includes(long sequenceNr, DateTime at) => (Seq is null || sequenceNr <= Seq) && (Time is null || at <= Time);
}

/// <summary>A collection as it was: its state after event <paramref name="SequenceNr"/> (0: before any event).</summary>
/// <param name="FromSnapshot">The sequence number of the snapshot the rebuild started from (0: none, every event replayed).</param>
public sealed record PastCollection(CollectionState State, long SequenceNr, DateTime? At, long FromSnapshot);

/// <summary>
/// Collections as they were at a past point, rebuilt beside the live entity without disturbing it: the nearest
/// snapshot at or before the point (snapshots are kept for this), then the journal's events up to the point, replayed
/// the way an entity recovers (<see cref="PastReplay"/>) and applied by the same <see cref="CollectionState"/>.
/// </summary>
public sealed class PastCollections(ActorSystem system)
{
    private static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Far above a recovery of the largest collection; a journal that never answers must not hold a request forever.</summary>
    private static readonly TimeSpan ReplayTimeout = TimeSpan.FromMinutes(2);

    /// <param name="fromSnapshot">False replays every event from the first, ignoring snapshots (to check them).</param>
    public async Task<PastCollection> AtAsync(string entityId, PointInHistory point, CancellationToken cancellation, bool fromSnapshot = true)
    {
        var persistenceId = CollectionActor.PersistenceIdOf(entityId);
        var state = new CollectionState(entityId[(entityId.IndexOf('/') + 1)..]);
        var criteria = new SnapshotSelectionCriteria(point.Seq ?? long.MaxValue, point.Time ?? DateTime.MaxValue);
        long reached = 0;
        DateTime? at = null;
        var loaded = fromSnapshot
            ? await Akka.Persistence.Persistence.Instance.Apply(system).SnapshotStoreFor(null)
                .Ask<LoadSnapshotResult>(new LoadSnapshot(persistenceId, criteria, point.Seq ?? long.MaxValue), SnapshotTimeout, cancellation)
            : null;
        if (loaded?.Snapshot is { Snapshot: CollectionSnapshot snapshot } offered)
        {
            state.Restore(snapshot);
            reached = offered.Metadata.SequenceNr;
            at = DateTime.SpecifyKind(offered.Metadata.Timestamp, DateTimeKind.Utc);
        }
        var snapshotAt = reached;
        var done = new TaskCompletionSource<PastReplay.Result>(TaskCreationOptions.RunContinuationsAsynchronously);
        var journal = Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null);
        var replay = system.ActorOf(Props.Create(() => new PastReplay(journal, persistenceId, state, reached + 1, point, done)));
        await using (cancellation.Register(() => replay.Tell(PoisonPill.Instance)))
        {
            var result = await done.Task.WaitAsync(ReplayTimeout, cancellation);
            if (result.SequenceNr > reached)
            {
                reached = result.SequenceNr;
                at = result.At;
            }
        }
        return new PastCollection(state, reached, at, snapshotAt);
    }
}
