using ActorCloud.Actors.Sharding;
using ActorCloud.Documents;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Actors.Collections;

/// <summary>
/// One collection as a persistent entity: validate → events → persist → reply, with group commit. Writes
/// that arrive while a journal write is in flight queue here and go out together as one atomic
/// <c>PersistAllAsync</c>; each is answered only after that write is durable. Each queued command is decided
/// against the state that already includes the earlier commands of its batch. Reads that arrive while a
/// write is in flight wait for it, so no reader ever sees a change that is not yet durable. After recovery and
/// after each durable write the committed state is published to <see cref="CollectionViews"/>, from which the
/// gateway runs scans on its own threads. While transactions are prepared here (<see cref="CollectionState.Held"/>),
/// writes and prepares that could touch their documents wait, in order, and go on once one is resolved
/// (<see cref="IndependentWrites"/>); reads are not held by them.
/// </summary>
public sealed class CollectionActor : UntypedPersistentActor, IWithTimers
{
    private readonly string _entityId;
    private readonly string _env;
    private readonly CollectionState _state;
    private readonly CollectionSettings _settings;
    private readonly CollectionViews _views;
    private readonly CollectionFeed _feed;
    private readonly ChangeListeners _listeners = new();
    private readonly HeldTransactionDecisions _decisions;
    private List<DocumentChange>? _changes;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Queue<(IActorRef Sender, ICollectionWrite Command)> _queued = new();
    private readonly Queue<(IActorRef Sender, ICollectionRead Query)> _heldReads = new();
    private readonly Queue<(IActorRef Sender, ICollectionWrite Command)> _waitingForTransaction = new();
    private List<(IActorRef Sender, ICollectionReply Reply)>? _inFlight;
    private readonly List<IActorRef> _snapshotWaiters = [];
    private CollectionView? _published;
    private int _lastBatchSize;
    private GatherState _gather;
    private long _writtenSinceSnapshot;
    private bool _snapshotting;
    private bool _stopping;

    public CollectionActor(string entityId, CollectionSettings settings, CollectionViews views, CollectionFeed feed)
    {
        _feed = feed;
        PersistenceId = PersistenceIdOf(entityId);
        _entityId = entityId;
        _settings = settings;
        _views = views;
        var slash = entityId.IndexOf('/');
        _env = entityId[..slash];
        _decisions = new HeldTransactionDecisions(_env, settings.HeldTransactionCheck);
        _state = new CollectionState(entityId[(slash + 1)..], settings.Storage);
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static string PersistenceIdOf(string entityId) => $"collection-{entityId}";

    public static Props Props(string entityId, CollectionSettings settings, CollectionViews views, CollectionFeed feed) =>
        Akka.Actor.Props.Create(() => new CollectionActor(entityId, settings, views, feed));

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: CollectionSnapshot snapshot }:
                _state.Restore(snapshot);
                break;
            case ICollectionEvent e:
                _state.Apply(e);
                _writtenSinceSnapshot += CollectionEvents.DocumentsWritten(e);
                break;
        }
    }

    protected override void OnReplaySuccess()
    {
        Publish();
        foreach (var id in _state.Held.Keys) _decisions.Ask(id, Context, Timers);
    }

    protected override void PostStop()
    {
        if (_published is not null) _views.Withdraw(_entityId, _published);
        _state.Dispose();
        base.PostStop();
    }

    /// <summary>Makes the committed state readable from other threads; always before the writes it holds are acknowledged.</summary>
    private void Publish()
    {
        _published = _state.View(LastSequenceNr);
        _views.Publish(_entityId, _published);
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case ICollectionWrite write:
                _queued.Enqueue((Sender, write));
                WriteQueued();
                break;
            case FollowChanges follow:
                // Listening starts now, before a write in flight is published: its changes then reach the follower
                // too, and the answer (which waits for that write) is at or past it — nothing is missed in between.
                _listeners.Add(follow.Listener, Context);
                if (_inFlight is not null) _heldReads.Enqueue((Sender, follow));
                else Sender.Tell(Answer(follow));
                break;
            case UnfollowChanges unfollow:
                _listeners.Remove(unfollow.Listener, Context);
                break;
            case Terminated terminated when _listeners.Forget(terminated.ActorRef):
                break;
            case ICollectionRead read when _inFlight is not null:
                _heldReads.Enqueue((Sender, read));
                break;
            case ICollectionRead read:
                Sender.Tell(Answer(read));
                break;
            case HeldTransactionDecisions.Check check when _state.Held.ContainsKey(check.TransactionId):
                _decisions.Ask(check.TransactionId, Context, Timers);
                break;
            case HeldTransactionDecisions.Check:
                break;
            case HeldTransactionDecisions.Arrived arrived when _state.Held.ContainsKey(arrived.TransactionId):
                _queued.Enqueue((ActorRefs.Nobody, new ResolveTransaction(_entityId, Callers.Caller.Admin("transaction"), arrived.TransactionId, arrived.Committed)));
                WriteQueued();
                break;
            case HeldTransactionDecisions.Arrived:
                break;
            case KeepAlive:
                break;
            case SaveSnapshotNow:
                _snapshotWaiters.Add(Sender);
                if (_inFlight is null) SnapshotIfDue();
                break;
            case GatherElapsed:
                _gather = GatherState.Elapsed;
                WriteQueued();
                break;
            case StopEntity:
                _stopping = true;
                StopIfDrained();
                break;
            case SaveSnapshotSuccess saved:
                // Older snapshots are kept: as-of reads start from the nearest one.
                _snapshotting = false;
                AnswerSnapshotWaiters(new SnapshotSaved(saved.Metadata.SequenceNr));
                break;
            case SaveSnapshotFailure failure:
                _snapshotting = false;
                _log.Warning(failure.Cause, "Snapshot of {0} failed; recovery will replay more events", PersistenceId);
                AnswerSnapshotWaiters(new Failed(ErrorCodes.SysErr, $"the snapshot could not be stored: {failure.Cause.Message}"));
                break;
            default:
                if (!_decisions.Handle(message, Timers)) Unhandled(message);
                break;
        }
    }

    private ICollectionReply Answer(ICollectionRead read) => read switch
    {
        FollowChanges follow => CollectionReads.Follow(_state.Exists, _state.Documents, _state.Indexes, follow, LastSequenceNr, Self),
        ChecksumDocuments checksum => CollectionReads.Checksum(_state.Exists, _state.Documents, checksum.Detail, LastSequenceNr),
        _ => _state.Answer(read),
    };

    private void WriteQueued()
    {
        if (_inFlight is not null || _queued.Count == 0 || KeepGathering()) return;
        var now = DateTime.UtcNow;
        var events = new List<ICollectionEvent>();
        var changes = _feed.HasSubscribers(_entityId) || _listeners.Any ? new List<DocumentChange>() : null;
        var replies = new List<(IActorRef, ICollectionReply)>(_queued.Count);
        while (_queued.TryDequeue(out var queued))
        {
            var decision = _state.Held.Count > 0 && queued.Command is not ResolveTransaction
                ? IndependentWrites.Decide(_state, queued.Command, now)
                : _state.Decide(queued.Command, now);
            if (decision is null)
            {
                _waitingForTransaction.Enqueue(queued);
                continue;
            }
            foreach (var e in decision.Events)
            {
                _state.Apply(e, changes);
                events.Add(e);
            }
            replies.Add((queued.Sender, decision.Reply));
        }
        if (events.Count == 0)
        {
            foreach (var (sender, reply) in replies) sender.Tell(reply);
            return;
        }
        _inFlight = replies;
        _changes = changes;
        _lastBatchSize = replies.Count;
        _gather = GatherState.Idle;
        var remaining = events.Count;
        PersistAllAsync(events.Select(e => new Tagged(e, CollectionTags.For(_env, e))), _ =>
        {
            if (--remaining == 0) Committed(events.Sum(CollectionEvents.DocumentsWritten), events.Any(e => e is CollectionEvents.TransactionResolved));
        });
    }

    /// <summary>
    /// The adaptive gather window of group commit: when the last batch showed concurrent writers but fewer have
    /// queued since, wait a moment for the rest instead of writing a batch of one and making them wait a whole
    /// write. A lone writer (last batch of one) never waits.
    /// </summary>
    private bool KeepGathering()
    {
        if (_lastBatchSize <= 1 || _queued.Count >= _lastBatchSize || _gather == GatherState.Elapsed) return false;
        if (_gather == GatherState.Idle)
        {
            _gather = GatherState.Waiting;
            Task.Delay(_settings.GatherWindow).PipeTo(Self, success: () => GatherElapsed.Instance);
        }
        return true;
    }

    /// <param name="resolved">Whether the batch resolved a transaction: the writes waiting for it may now go on.</param>
    private void Committed(long written, bool resolved)
    {
        Publish();
        if (_changes is { Count: > 0 })
        {
            var published = new CollectionChanges(_entityId, LastSequenceNr, DateTime.UtcNow, _changes);
            _feed.Publish(published);
            _listeners.Send(published, Self);
        }
        _changes = null;
        foreach (var (sender, reply) in _inFlight!) sender.Tell(reply);
        _inFlight = null;
        _writtenSinceSnapshot += written;
        while (_heldReads.TryDequeue(out var held)) held.Sender.Tell(Answer(held.Query));
        if (resolved) ReleaseWaiting();
        _decisions.CheckUnscheduled(_state.Held.Keys, Timers);
        SnapshotIfDue();
        WriteQueued();
        StopIfDrained();
    }

    /// <summary>The writes that waited for a transaction go first, in their order, ahead of any queued since.</summary>
    private void ReleaseWaiting()
    {
        if (_waitingForTransaction.Count == 0) return;
        var later = _queued.ToList();
        _queued.Clear();
        while (_waitingForTransaction.TryDequeue(out var waiting)) _queued.Enqueue(waiting);
        foreach (var queued in later) _queued.Enqueue(queued);
    }

    /// <summary>
    /// Never while a transaction is held: a snapshot does not carry it, so recovery must replay its prepare. Due after
    /// enough documents were written, or when asked for (<see cref="SaveSnapshotNow"/>).
    /// </summary>
    private void SnapshotIfDue()
    {
        var due = _snapshotWaiters.Count > 0 || _writtenSinceSnapshot >= _settings.SnapshotThreshold(_state.Documents.Count);
        if (_snapshotting || _state.Held.Count > 0 || !due) return;
        _snapshotting = true;
        _writtenSinceSnapshot = 0;
        SaveSnapshot(new CollectionSnapshot(_state.Exists, _state.Documents.Snapshot().AllBytes(), _state.Permission,
            [.. _state.Indexes.Trees.Select(t => IndexDefinition.Of(t.Spec))]));
    }

    private void AnswerSnapshotWaiters(ICollectionReply reply)
    {
        foreach (var waiter in _snapshotWaiters) waiter.Tell(reply);
        _snapshotWaiters.Clear();
    }

    private void StopIfDrained()
    {
        if (_stopping && _inFlight is null && _queued.Count == 0 && _waitingForTransaction.Count == 0) Context.Stop(Self);
    }

    private enum GatherState
    {
        Idle,
        Waiting,
        Elapsed,
    }

    /// <summary>Local timer message: the gather window is over.</summary>
    private sealed record GatherElapsed
    {
        public static readonly GatherElapsed Instance = new();
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        FailPending("the journal write failed; nothing was changed, retry the request");
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        FailPending("the journal rejected the write; nothing was changed");
        _log.Error(cause, "Journal rejected an event of {0}; restarting from the journal", PersistenceId);
        // The batch was applied to the in-memory state before the write: only a fresh recovery is correct now.
        Context.Stop(Self);
    }

    private void FailPending(string message)
    {
        var failed = new Failed(ErrorCodes.SysErr, message);
        foreach (var (sender, _) in _inFlight ?? []) sender.Tell(failed);
        _inFlight = null;
        while (_queued.TryDequeue(out var q)) q.Sender.Tell(failed);
        while (_waitingForTransaction.TryDequeue(out var w)) w.Sender.Tell(failed);
        while (_heldReads.TryDequeue(out var r)) r.Sender.Tell(failed);
    }
}
