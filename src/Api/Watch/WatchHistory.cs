using MongoDB.Bson;

namespace ActorCloud.Api.Watch;

/// <summary>
/// The recent event batches of one watch, so a client that lost its socket can be sent exactly what it missed (its
/// <c>REBUILD_WATCH</c> names the last event ID it applied). Bounded by batch count and by weight: the oldest
/// batches go first, and a client older than what is left is resynchronised from scratch instead. For that case
/// it remembers the documents the dropped batches took out of the client's list (those the client may still hold
/// when nothing is left to replace its list with), up to <see cref="WatchState.MaxDocuments"/> of them.
/// </summary>
public sealed class WatchHistory(long start)
{
    public const int MaxBatches = 1000;
    public const long MaxWeight = 4 * 1024 * 1024;

    private readonly Queue<EventBatch> _batches = new();
    private readonly HashSet<BsonValue> _departed = [];
    private long _weight;
    private bool _departedOverflow;

    /// <summary>Every event after this ID is kept.</summary>
    public long Floor { get; private set; } = start;

    public long Last { get; private set; } = start;

    public void Add(long id, IReadOnlyList<WatchEvent> events)
    {
        var batch = new EventBatch(id, events);
        _batches.Enqueue(batch);
        _weight += batch.Weight;
        Last = id;
        while (_batches.Count > MaxBatches || (_weight > MaxWeight && _batches.Count > 1)) Drop(_batches.Dequeue());
    }

    /// <summary>The batches after <paramref name="eventId"/>, or null when some of them are no longer kept.</summary>
    public IReadOnlyList<EventBatch>? After(long eventId) =>
        eventId < Floor || eventId > Last ? null : [.. _batches.Where(b => b.Id > eventId)];

    /// <summary>
    /// The documents any client older than the history may still hold though they have left the result set since,
    /// or null when there were too many to remember.
    /// </summary>
    public IReadOnlyCollection<BsonValue>? Departed()
    {
        if (_departedOverflow) return null;
        HashSet<BsonValue> ids = [.. _departed];
        foreach (var batch in _batches)
        {
            foreach (var e in batch.Events.Where(e => e.QueueType == WatchEvent.Dequeue)) ids.Add(e.DocId);
        }
        return ids;
    }

    /// <summary>Starts over after a resynchronisation: what came before no longer describes the client's list.</summary>
    public void Restart(long id)
    {
        _batches.Clear();
        _departed.Clear();
        _weight = 0;
        _departedOverflow = false;
        Floor = Last = id;
    }

    private void Drop(EventBatch batch)
    {
        _weight -= batch.Weight;
        Floor = batch.Id;
        if (_departedOverflow) return;
        foreach (var e in batch.Events.Where(e => e.QueueType == WatchEvent.Dequeue)) _departed.Add(e.DocId);
        if (_departed.Count <= WatchState.MaxDocuments) return;
        _departedOverflow = true;
        _departed.Clear();
    }
}

/// <summary>The events of one logical change, all under one event ID.</summary>
public sealed record EventBatch(long Id, IReadOnlyList<WatchEvent> Events)
{
    public long Weight { get; } = Events.Sum(e => (long)e.Weight);
}
