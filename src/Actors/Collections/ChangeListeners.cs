using Akka.Actor;

namespace ActorCloud.Actors.Collections;

/// <summary>
/// The other nodes' relays following one collection entity's writes (see <see cref="FeedRelay"/>). Each is
/// death-watched, so a relay of a node that left stops costing anything; a relay on the entity's own node is never
/// kept, as that node's subscribers read the local <see cref="CollectionFeed"/>.
/// </summary>
public sealed class ChangeListeners
{
    private readonly HashSet<IActorRef> _listeners = [];

    public bool Any => _listeners.Count > 0;

    public void Add(IActorRef listener, IActorContext context)
    {
        if (listener.Path.Address.HasLocalScope || !_listeners.Add(listener)) return;
        context.Watch(listener);
    }

    public void Remove(IActorRef listener, IActorContext context)
    {
        if (_listeners.Remove(listener)) context.Unwatch(listener);
    }

    /// <summary>Forgets a listener that has terminated; false when it was none of ours.</summary>
    public bool Forget(IActorRef terminated) => _listeners.Remove(terminated);

    public void Send(CollectionChanges changes, IActorRef self)
    {
        foreach (var listener in _listeners) listener.Tell(changes, self);
    }
}
