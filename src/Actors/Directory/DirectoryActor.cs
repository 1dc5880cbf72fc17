using Akka.Actor;
using Akka.Persistence;
using static ActorCloud.Actors.Directory.DirectoryMessages;

namespace ActorCloud.Actors.Directory;

/// <summary>
/// The root admin key and the list of environments, journaled so every node of a cluster agrees on them.
/// Changes are rare (start-up, an admin creating an environment), so it persists one event per command.
/// </summary>
public sealed class DirectoryActor : ReceivePersistentActor
{
    private readonly List<string> _environments = [];
    private string? _rootKey;

    public DirectoryActor()
    {
        Recover<RootKeyIssued>(e => _rootKey = e.Key);
        Recover<EnvironmentCreated>(e => _environments.Add(e.Env));
        Command<IssueRootKey>(c =>
        {
            if (_rootKey is not null)
            {
                Sender.Tell(View());
                return;
            }
            Persist(new RootKeyIssued(c.Candidate, DateTime.UtcNow), e =>
            {
                _rootKey = e.Key;
                Sender.Tell(View());
            });
        });
        Command<CreateEnvironment>(c =>
        {
            if (_environments.Contains(c.Env))
            {
                Sender.Tell(new EnvironmentCreatedReply(c.Env, Created: false));
                return;
            }
            Persist(new EnvironmentCreated(c.Env, c.Caller, DateTime.UtcNow), e =>
            {
                _environments.Add(e.Env);
                Sender.Tell(new EnvironmentCreatedReply(e.Env, Created: true));
            });
        });
        Command<GetDirectory>(_ => Sender.Tell(View()));
        Command<Sharding.StopEntity>(_ => Context.Stop(Self));
    }

    public override string PersistenceId => "directory";

    private DirectoryView View() => new(_rootKey, _environments.ToArray());
}
