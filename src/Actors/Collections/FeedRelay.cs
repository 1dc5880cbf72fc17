using Akka.Actor;
using Akka.Hosting;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Actors.Collections;

/// <summary>
/// One per node: brings the writes of collections followed by this node's watches into its <see cref="CollectionFeed"/>,
/// wherever in the cluster their entities run. A watch makes the entity send its writes here
/// (<see cref="FollowChanges"/>) and tells the relay which entity answered (<see cref="Follow"/>); the relay death-watches
/// it. When that entity stops — its node died, its shard moved, it was passivated — the relay follows the collection
/// anew through the shard region (starting it wherever it now lives) and publishes a <see cref="CollectionChanges.Moved"/>
/// marker, so a watch that may have missed writes meanwhile reads the collection again. Writes of a collection this node
/// no longer watches are declined, and the entity stops sending them.
/// </summary>
public sealed class FeedRelay : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    private readonly CollectionFeed _feed;
    private readonly IActorRef _region;
    private readonly Dictionary<string, IActorRef> _entities = new(StringComparer.Ordinal);

    public FeedRelay(CollectionFeed feed, IActorRef region)
    {
        _feed = feed;
        _region = region;
        Receive<Follow>(follow => Track(follow.EntityId, follow.Entity));
        Receive<CollectionChanges>(Relay);
        Receive<Terminated>(terminated => Lost(terminated.ActorRef));
        Receive<RefollowAnswered>(answered => Refollowed(answered.EntityId, answered.Reply));
        Receive<RefollowDue>(due => Refollow(due.EntityId));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(CollectionFeed feed, IActorRef region) => Akka.Actor.Props.Create(() => new FeedRelay(feed, region));

    /// <summary>A watch of this node follows <paramref name="EntityId"/>, whose writes <paramref name="Entity"/> sends.</summary>
    public sealed record Follow(string EntityId, IActorRef Entity);

    private void Relay(CollectionChanges changes)
    {
        if (!_feed.HasSubscribers(changes.EntityId))
        {
            Sender.Tell(new UnfollowChanges(changes.EntityId, Self));
            if (_entities.Remove(changes.EntityId, out var entity)) Context.Unwatch(entity);
            return;
        }
        Track(changes.EntityId, Sender);
        _feed.Publish(changes);
    }

    private void Track(string entityId, IActorRef entity)
    {
        if (_entities.TryGetValue(entityId, out var known))
        {
            if (known.Equals(entity)) return;
            Context.Unwatch(known);
        }
        _entities[entityId] = entity;
        Context.Watch(entity);
    }

    private void Lost(IActorRef entity)
    {
        foreach (var entityId in _entities.Where(pair => pair.Value.Equals(entity)).Select(pair => pair.Key).ToList())
        {
            _entities.Remove(entityId);
            Refollow(entityId);
        }
    }

    private void Refollow(string entityId)
    {
        if (!_feed.HasSubscribers(entityId) || _entities.ContainsKey(entityId)) return;
        _region.Ask<ICollectionReply>(new FollowChanges(entityId, Self, Query: null, Held: []), AskTimeout)
            .PipeTo(Self, success: reply => new RefollowAnswered(entityId, reply), failure: _ => new RefollowAnswered(entityId, null));
    }

    private void Refollowed(string entityId, ICollectionReply? reply)
    {
        if (reply is not Following following)
        {
            Timers.StartSingleTimer(entityId, new RefollowDue(entityId), RetryAfter);
            return;
        }
        Track(entityId, following.Entity);
        _feed.Publish(new CollectionChanges(entityId, following.SequenceNr, DateTime.UtcNow, [], Moved: true));
    }

    private sealed record RefollowAnswered(string EntityId, ICollectionReply? Reply);

    private sealed record RefollowDue(string EntityId);
}

/// <summary>Registry key of this node's <see cref="FeedRelay"/>.</summary>
public sealed class FeedRelayKey;

public static class FeedRelayHosting
{
    /// <summary>Starts the relay; after <see cref="CollectionRegionHosting.WithCollectionRegion"/>.</summary>
    public static AkkaConfigurationBuilder WithFeedRelay(this AkkaConfigurationBuilder builder, CollectionFeed feed) =>
        builder.WithActors((system, registry) =>
        {
            var relay = system.ActorOf(FeedRelay.Props(feed, registry.Get<CollectionRegion>()), "feed-relay");
            registry.Register<FeedRelayKey>(relay);
        });
}
