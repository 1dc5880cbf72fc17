using System.Collections.Concurrent;
using System.Threading.Channels;
using MongoDB.Bson;

namespace ActorCloud.Actors.Collections;

/// <summary>How a committed write changed one document.</summary>
public enum ChangeKind
{
    Insert,
    Update,
    Replace,
    Remove,

    /// <summary>The collection was dropped: every document is gone (none is listed).</summary>
    Drop,
}

/// <summary>One document's change in a committed write: its state before and after (null: absent).</summary>
public sealed record DocumentChange(ChangeKind Kind, BsonValue? Id, BsonDocument? Before, BsonDocument? After);

/// <summary>What one durable write of a collection did, tagged with the sequence number of its last event.</summary>
/// <param name="Moved">
/// Not a write: the collection's entity started again (on another node, or after a crash) and was at
/// <paramref name="SequenceNr"/> when this node followed it anew; writes after what a follower has seen and up to
/// that number may have passed unseen, so a follower behind it must read the collection again.
/// </param>
public sealed record CollectionChanges(string EntityId, long SequenceNr, DateTime At, IReadOnlyList<DocumentChange> Changes, bool Moved = false);

/// <summary>
/// The live change feed of the collections running on this node: a collection entity publishes each durable write
/// here right after making it readable (so a subscriber that then reads the published view, and ignores changes up
/// to the view's sequence number, misses nothing and sees nothing twice). Subscribers get bounded queues: one that
/// falls <see cref="Capacity"/> writes behind is cut off (its reader completes with <see cref="SubscriberTooSlow"/>)
/// rather than slowing the collection or growing memory. Entities record changes only while someone listens.
/// </summary>
public sealed class CollectionFeed
{
    public const int Capacity = 1024;

    private readonly ConcurrentDictionary<string, ImmutableSubscribers> _subscribers = new(StringComparer.Ordinal);

    public bool HasSubscribers(string entityId) => _subscribers.TryGetValue(entityId, out var list) && list.Items.Length > 0;

    /// <summary>Subscribes to a collection's writes from now on; dispose the subscription to leave.</summary>
    public Subscription Subscribe(string entityId)
    {
        var channel = Channel.CreateBounded<CollectionChanges>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var subscription = new Subscription(this, entityId, channel);
        _subscribers.AddOrUpdate(entityId, _ => new([subscription]), (_, list) => new([.. list.Items, subscription]));
        return subscription;
    }

    public void Publish(CollectionChanges changes)
    {
        if (!_subscribers.TryGetValue(changes.EntityId, out var list)) return;
        foreach (var subscription in list.Items)
        {
            if (!subscription.Writer.TryWrite(changes)) subscription.Writer.TryComplete(new SubscriberTooSlow());
        }
    }

    private void Remove(Subscription subscription) =>
        _subscribers.AddOrUpdate(subscription.EntityId, _ => new([]),
            (_, list) => new(list.Items.Where(s => !ReferenceEquals(s, subscription)).ToArray()));

    private sealed record ImmutableSubscribers(Subscription[] Items);

    public sealed class Subscription(CollectionFeed feed, string entityId, Channel<CollectionChanges> channel) : IDisposable
    {
        public string EntityId { get; } = entityId;

        /// <summary>The writes, in order; completes with <see cref="SubscriberTooSlow"/> if this reader fell behind.</summary>
        public ChannelReader<CollectionChanges> Reader => channel.Reader;

        internal ChannelWriter<CollectionChanges> Writer => channel.Writer;

        public void Dispose()
        {
            channel.Writer.TryComplete();
            feed.Remove(this);
        }
    }
}

/// <summary>A subscriber fell <see cref="CollectionFeed.Capacity"/> writes behind and was cut off.</summary>
public sealed class SubscriberTooSlow() : Exception("the subscriber fell too far behind the collection's writes and was disconnected");
