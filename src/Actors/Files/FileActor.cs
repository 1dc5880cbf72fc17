using ActorCloud.Actors.Sharding;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using static ActorCloud.Actors.Files.FileCommands;
using static ActorCloud.Actors.Files.FileReplies;

namespace ActorCloud.Actors.Files;

/// <summary>
/// One file as a persistent entity. It owns the metadata and the commit point, never the bytes: the gateway
/// streams content into a new blob and then asks this actor to commit it, and only the durable event makes the
/// version visible. Writes to one file are rare, so each command persists its own event.
/// </summary>
public sealed class FileActor : ReceivePersistentActor
{
    private readonly string _env;
    private readonly FileSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, DateTime> _claims = new(StringComparer.Ordinal);
    private FileState _state = FileState.Empty;
    private long _eventsSinceSnapshot;
    private IActorRef _writeRequester = ActorRefs.Nobody;

    public FileActor(string entityId, FileSettings settings)
    {
        PersistenceId = PersistenceIdOf(entityId);
        _env = entityId[..entityId.IndexOf('/')];
        _settings = settings;

        Recover<SnapshotOffer>(offer => _state = (FileState)offer.Snapshot);
        Recover<IFileEvent>(e =>
        {
            _state = _state.Apply(e, settings.KeepVersions);
            _eventsSinceSnapshot++;
        });
        Command<ClaimUpload>(Claim);
        Command<CommitUpload>(c => PersistDecision(_state.Decide(c, DateTime.UtcNow), () => new FileCommitted(_state.Current!)));
        Command<DeleteFile>(c => PersistDecision(_state.Decide(c, DateTime.UtcNow), () => new Deleted()));
        Command<RevokeUrls>(c => PersistDecision(_state.Decide(c, DateTime.UtcNow), () => new UrlsRevoked()));
        Command<GetFile>(_ => Sender.Tell(View()));
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Snapshot of {0} failed", PersistenceId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
        Command<StopEntity>(_ => Context.Stop(Self));
    }

    public override string PersistenceId { get; }

    public static string PersistenceIdOf(string entityId) => $"file-{entityId}";

    public static Props Props(string entityId, FileSettings settings) =>
        Akka.Actor.Props.Create(() => new FileActor(entityId, settings));

    private void Claim(ClaimUpload claim)
    {
        var now = DateTime.UtcNow;
        foreach (var expired in _claims.Where(p => p.Value < now).Select(p => p.Key).ToList()) _claims.Remove(expired);
        if (_state.UploadIdUsed(claim.UploadId) || !_claims.TryAdd(claim.UploadId, claim.ExpiresAt))
        {
            Sender.Tell(new FileFailed(FileState.TokenUsedCode, "this upload token was already used; ask for a new one"));
            return;
        }
        Sender.Tell(new UploadClaimed(claim.UploadId));
    }

    private void PersistDecision(FileDecision decision, Func<IFileReply> reply)
    {
        if (decision.Refusal is { } refusal)
        {
            Sender.Tell(refusal);
            return;
        }
        _writeRequester = Sender;
        Persist(new Tagged(decision.Event!, FileTags.For(_env)), tagged =>
        {
            _state = _state.Apply((IFileEvent)tagged.Payload, _settings.KeepVersions);
            Sender.Tell(reply());
            if (++_eventsSinceSnapshot >= _settings.SnapshotEvery)
            {
                _eventsSinceSnapshot = 0;
                SaveSnapshot(_state);
            }
        });
    }

    /// <summary>
    /// A rejected event was not stored and the entity goes on (Akka's default); without an answer its requester would
    /// wait out its timeout. One write is in flight at a time (<c>Persist</c> holds later commands back).
    /// </summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        _writeRequester.Tell(new FileFailed(Documents.ErrorCodes.SysErr, "the journal rejected the write; nothing was changed"));
    }

    private FileView View() => new(_state.CloudPath, _state.Current, _state.Versions, _state.UrlGeneration);
}
