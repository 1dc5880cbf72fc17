using ActorCloud.Actors.Sharding;
using Akka.Actor;

namespace ActorCloud.Testing.Simulation;

/// <summary>
/// Plays the shard for one entity in a single-node simulation, as sharding does: forwards messages to the entity,
/// starting it (and so recovering it) on the first message after it stopped; <see cref="Passivate"/> stops it with
/// <see cref="StopEntity"/> and holds the messages that arrive meanwhile until it is gone, then hands them to the next
/// incarnation. <see cref="AwaitStop"/> answers once the entity has stopped by itself (as after a journal failure).
/// </summary>
public sealed class EntityHost : ReceiveActor, IWithTimers
{
    private readonly Props _entity;
    private readonly List<(object Message, IActorRef Sender)> _held = [];
    private readonly List<IActorRef> _awaitingStop = [];
    private IActorRef? _child;
    private bool _passivating;
    private int _incarnation;

    public EntityHost(Props entity)
    {
        _entity = entity;
        Receive<Passivate>(_ =>
        {
            if (_child is null || _passivating) return;
            _passivating = true;
            _child.Tell(StopEntity.Instance);
        });
        Receive<AwaitStop>(await =>
        {
            if (_child is null) Sender.Tell(true);
            else
            {
                _awaitingStop.Add(Sender);
                Timers.StartSingleTimer(Sender, new StopWaitOver(Sender), await.Within);
            }
        });
        Receive<StopWaitOver>(over =>
        {
            if (_awaitingStop.Remove(over.Waiter)) over.Waiter.Tell(false);
        });
        Receive<Terminated>(terminated =>
        {
            if (!terminated.ActorRef.Equals(_child)) return;
            _child = null;
            _passivating = false;
            foreach (var waiter in _awaitingStop) waiter.Tell(true);
            _awaitingStop.Clear();
            foreach (var (message, sender) in _held) Child().Tell(message, sender);
            _held.Clear();
        });
        ReceiveAny(message =>
        {
            if (_passivating) _held.Add((message, Sender));
            else Child().Forward(message);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Props entity) => Akka.Actor.Props.Create(() => new EntityHost(entity));

    private IActorRef Child()
    {
        if (_child is not null) return _child;
        _child = Context.ActorOf(_entity, $"entity-{++_incarnation}");
        Context.Watch(_child);
        return _child;
    }

    /// <summary>Stop the entity now; what arrives meanwhile goes to its next incarnation.</summary>
    public sealed record Passivate
    {
        public static readonly Passivate Instance = new();
    }

    /// <summary>Answered <c>true</c> once the entity is stopped, or <c>false</c> after <paramref name="Within"/>.</summary>
    public sealed record AwaitStop(TimeSpan Within);

    private sealed record StopWaitOver(IActorRef Waiter);
}
