using ActorCloud.Actors.Sharding;
using Akka.Actor;

namespace ActorCloud.Testing.Simulation;

/// <summary>
/// Plays the shard for one entity in a single-node simulation, as sharding does: forwards messages to the entity,
/// starting it (and so recovering it) on the first message after it stopped; <see cref="Passivate"/> stops it with
/// <see cref="StopEntity"/> and holds the messages that arrive meanwhile until it is gone, then hands them to the next
/// incarnation. <see cref="AwaitStop"/> answers once the entity has stopped (by itself too, as after a journal failure)
/// since the caller read <see cref="Stops"/> — even if a later message has started it again meanwhile, as a shard would.
/// </summary>
public sealed class EntityHost : ReceiveActor, IWithTimers
{
    private readonly Props _entity;
    private readonly List<(object Message, IActorRef Sender)> _held = [];
    private readonly List<IActorRef> _awaitingStop = [];
    private IActorRef? _child;
    private bool _passivating;
    private int _incarnation;
    private int _stops;

    public EntityHost(Props entity)
    {
        _entity = entity;
        Receive<Passivate>(_ =>
        {
            if (_child is null || _passivating) return;
            _passivating = true;
            _child.Tell(StopEntity.Instance);
        });
        Receive<Stops>(_ => Sender.Tell(_stops));
        Receive<Running>(_ => Sender.Tell(_child is not null));
        Receive<AwaitStop>(await =>
        {
            if (_child is null || _stops > await.After) Sender.Tell(true);
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
            _stops++;
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

    /// <summary>Answered with how many times the entity has stopped so far.</summary>
    public sealed record Stops
    {
        public static readonly Stops Instance = new();
    }

    /// <summary>Answered whether an incarnation of the entity is running now.</summary>
    public sealed record Running
    {
        public static readonly Running Instance = new();
    }

    /// <summary>
    /// Answered <c>true</c> once the entity is not running or has stopped more than <paramref name="After"/> times (what
    /// <see cref="Stops"/> answered before), or <c>false</c> after <paramref name="Within"/>.
    /// </summary>
    public sealed record AwaitStop(TimeSpan Within, int After);

    private sealed record StopWaitOver(IActorRef Waiter);
}
