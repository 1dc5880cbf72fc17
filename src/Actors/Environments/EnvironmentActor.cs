using ActorCloud.Actors.Sharding;
using Akka.Actor;
using Akka.Persistence;
using static ActorCloud.Actors.Environments.EnvironmentMessages;

namespace ActorCloud.Actors.Environments;

/// <summary>
/// One environment's security settings as a persistent entity. Changes are rare (an admin action, the first
/// sign-in), so it persists per command; its state is a few keys, so it needs no snapshots.
/// </summary>
public sealed class EnvironmentActor : ReceivePersistentActor
{
    private EnvironmentState _state = EnvironmentState.Empty;

    public EnvironmentActor(string env)
    {
        PersistenceId = PersistenceIdOf(env);
        Recover<IEnvironmentEvent>(e => _state = _state.Apply(e));
        Command<GetSecuritySettings>(_ => Sender.Tell(_state.Settings));
        Command<StopEntity>(_ => Context.Stop(Self));
        Command<IEnvironmentMessage>(command =>
        {
            var (events, refusal) = _state.Decide(command, DateTime.UtcNow);
            if (refusal is not null)
            {
                Sender.Tell(refusal);
                return;
            }
            if (events.Count == 0)
            {
                Sender.Tell(_state.Settings);
                return;
            }
            var sender = Sender;
            PersistAll(events, e =>
            {
                _state = _state.Apply(e);
                if (ReferenceEquals(e, events[^1])) sender.Tell(_state.Settings);
            });
        });
    }

    public override string PersistenceId { get; }

    public static string PersistenceIdOf(string env) => $"environment-{env}";
}
