using ActorCloud.Actors.Sharding;
using Akka.Actor;
using Akka.Persistence;
using static ActorCloud.Actors.Users.UserMessages;

namespace ActorCloud.Actors.Users;

/// <summary>One end user as a persistent entity: registration and sessions as events, refreshes checked against them.</summary>
public sealed class UserActor : ReceivePersistentActor
{
    private const int SnapshotEvery = 100;
    private UserState _state;
    private int _eventsSinceSnapshot;

    public UserActor(string entityId)
    {
        PersistenceId = PersistenceIdOf(entityId);
        _state = UserState.Empty(entityId[(entityId.IndexOf('/') + 1)..]);
        Recover<SnapshotOffer>(offer => _state = (UserState)offer.Snapshot);
        Recover<IUserEvent>(e =>
        {
            _state = _state.Apply(e);
            _eventsSinceSnapshot++;
        });
        Command<StartSession>(c =>
        {
            var events = _state.Decide(c, DateTime.UtcNow);
            var sender = Sender;
            PersistAll(events, e =>
            {
                Applied(e);
                if (e is SessionStarted started) sender.Tell(new SessionGranted(_state.View, started.Session));
            });
        });
        Command<ResumeSession>(c => Sender.Tell(_state.Decide(c, DateTime.UtcNow)));
        Command<EndSession>(c =>
        {
            if (_state.Sessions.All(s => s.Id != c.SessionId))
            {
                Sender.Tell(new SessionEnded(false));
                return;
            }
            Persist(new SessionRevoked(DateTime.UtcNow, c.SessionId), e =>
            {
                Applied(e);
                Sender.Tell(new SessionEnded(true));
            });
        });
        Command<GetUser>(_ => Sender.Tell(_state.View));
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(_ => { });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
        Command<StopEntity>(_ => Context.Stop(Self));
    }

    public override string PersistenceId { get; }

    public static string PersistenceIdOf(string entityId) => $"user-{entityId}";

    private void Applied(IUserEvent e)
    {
        _state = _state.Apply(e);
        if (++_eventsSinceSnapshot < SnapshotEvery) return;
        _eventsSinceSnapshot = 0;
        SaveSnapshot(_state);
    }
}
