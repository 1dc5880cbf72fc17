using System.Collections.Concurrent;
using ActorCloud.Actors.Permissions;
using ActorCloud.Documents.Indexes;
using ActorCloud.Documents.Storage;

namespace ActorCloud.Actors.Collections;

/// <summary>
/// The committed state of every collection entity running on this node, published by the entity after recovery
/// and after each durable write. The gateway answers filtered queries from it on the request's own thread, so
/// scans of one collection run in parallel instead of queueing in its mailbox. A view never holds a write that
/// is not yet durable, and it is published before that write is acknowledged.
/// </summary>
public sealed class CollectionViews
{
    private readonly ConcurrentDictionary<string, CollectionView> _views = new(StringComparer.Ordinal);

    public bool TryGet(string entityId, out CollectionView view) => _views.TryGetValue(entityId, out view!);

    internal void Publish(string entityId, CollectionView view) => _views[entityId] = view;

    internal void Withdraw(string entityId, CollectionView view) =>
        _views.TryRemove(new KeyValuePair<string, CollectionView>(entityId, view));
}

/// <summary>One collection's committed state at one moment: after the event numbered <paramref name="SequenceNr"/>.</summary>
public sealed record CollectionView(
    string CollectionName, bool Exists, Permission Permission, DocumentSnapshot Documents, IndexSet Indexes, long SequenceNr)
{
    public ICollectionReply Answer(ICollectionRead query) =>
        CollectionReads.Answer(CollectionName, Exists, Permission, Documents, Indexes, query);
}
