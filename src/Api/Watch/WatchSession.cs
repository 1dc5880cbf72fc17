using ActorCloud.Actors.Collections;
using MongoDB.Bson;

namespace ActorCloud.Api.Watch;

/// <summary>
/// One watch (one <c>queryID</c>): follows its collection's change feed, turns each write into one event batch under
/// the next event ID, keeps the recent batches, and sends them to the socket it is attached to. When that socket
/// goes, the watch stays parked for <see cref="WatchSessions.Retention"/>, still following the feed, so that the
/// client's <c>REBUILD_WATCH</c> on a new socket gets exactly the events it missed. Everything that touches the
/// state, the history or the attachment happens under one lock, so frames leave in event order.
/// </summary>
public sealed class WatchSession
{
    private readonly Lock _gate = new();
    private readonly CollectionFeed.Subscription _subscription;
    private readonly BsonDocument _filterQuery;
    private long _sequenceNr;
    private readonly WatchState _state;
    private readonly WatchSessions _registry;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly WatchHistory _history = new(1);
    private long _eventId = 1;
    private IWatchClient? _owner;
    private string? _watchId;
    private long _attachments;
    private WatchError? _failure;
    private bool _closed;

    /// <param name="filterQuery">The query with the permission's read filter: what a re-read after missed writes asks.</param>
    /// <param name="startSequenceNr">The collection state the watch state was built from: feed batches up to it are in it already.</param>
    public WatchSession(string queryId, WatchPrincipal principal, CollectionFeed.Subscription subscription, BsonDocument filterQuery,
        long startSequenceNr, WatchState state, WatchSessions registry, ILogger log)
    {
        QueryId = queryId;
        Principal = principal;
        _subscription = subscription;
        _filterQuery = filterQuery;
        _sequenceNr = startSequenceNr;
        _state = state;
        _registry = registry;
        _log = log;
    }

    public string QueryId { get; }

    public WatchPrincipal Principal { get; }

    public bool IsOwnedBy(IWatchClient client)
    {
        lock (_gate) return ReferenceEquals(_owner, client);
    }

    /// <summary>Answers INIT_WATCH with the whole result set as event 1, then starts following the feed.</summary>
    public void Start(IWatchClient owner, string watchId, string requestId)
    {
        lock (_gate)
        {
            Attach(owner, watchId);
            var init = new EventBatch(_eventId, [.. _state.Visible.Select(WatchEvent.Initial)]);
            owner.Send(WatchFrames.Events(WatchFrames.InitEventType, watchId, requestId, QueryId, _eventId, [init]));
        }
        _ = Task.Run(PumpAsync);
    }

    /// <summary>
    /// Answers REBUILD_WATCH: the batches after <paramref name="eventId"/> from the history; for a client older than
    /// the history, a resynchronisation under the next ID it expects (init events that replace its list, or, when the
    /// result set is now empty, the removal of everything it may still hold).
    /// </summary>
    public void Resume(IWatchClient owner, string watchId, string requestId, long eventId)
    {
        lock (_gate)
        {
            if (_closed)
            {
                owner.Send(WatchFrames.Error(watchId, requestId, WatchError.QueryIdInvalid, "the watch has ended; start a new one"));
                owner.Forget(watchId, this);
                return;
            }
            Attach(owner, watchId);
            if (_failure is { } failure)
            {
                owner.Send(WatchFrames.Error(watchId, requestId, failure.Code, failure.Message));
                CloseLocked();
                return;
            }
            var batches = _history.After(eventId) ?? Resynchronise(eventId);
            if (batches is null)
            {
                owner.Send(WatchFrames.Error(watchId, requestId, WatchError.QueryIdInvalid,
                    "the watch fell too far behind while disconnected to be resumed; start a new one"));
                CloseLocked();
                return;
            }
            owner.Send(WatchFrames.Events(WatchFrames.NextEventType, watchId, requestId, QueryId, _eventId, batches));
        }
    }

    /// <summary>Answers CHECK_LAST with the latest event ID; the frames before it hold every event up to it.</summary>
    public void CheckLast(IWatchClient owner, string watchId, string? requestId)
    {
        lock (_gate)
        {
            owner.Send(ReferenceEquals(_owner, owner)
                ? WatchFrames.CheckEvent(watchId, requestId, QueryId, _eventId)
                : WatchFrames.Error(watchId, requestId, WatchError.QueryIdInvalid, "this watch belongs to another connection"));
        }
    }

    /// <summary>The socket went away: keep following the feed for a while, for a resume.</summary>
    public void Park(IWatchClient owner)
    {
        long attachment;
        lock (_gate)
        {
            if (!ReferenceEquals(_owner, owner)) return;
            _owner = null;
            attachment = _attachments;
        }
        _ = ExpireAsync(attachment);
    }

    public void Close()
    {
        lock (_gate) CloseLocked();
    }

    private void Attach(IWatchClient owner, string watchId)
    {
        if (_owner is { } previous && !ReferenceEquals(previous, owner)) previous.Forget(_watchId!, this);
        _owner = owner;
        _watchId = watchId;
        _attachments++;
    }

    private IReadOnlyList<EventBatch>? Resynchronise(long eventId)
    {
        var visible = _state.Visible;
        IReadOnlyList<WatchEvent>? events = visible.Count > 0
            ? [.. visible.Select(WatchEvent.Initial)]
            : _history.Departed()?.Select(id => new WatchEvent(WatchEvent.Limit, WatchEvent.Dequeue, id, Doc: null)).ToList();
        if (events is null) return null;
        _eventId = events.Count > 0 ? eventId + 1 : eventId;
        _history.Restart(_eventId);
        return events.Count > 0 ? [new EventBatch(_eventId, events)] : [];
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var changes in _subscription.Reader.ReadAllAsync(_stop.Token))
            {
                if (changes.SequenceNr <= _sequenceNr) continue;
                if (changes.Moved)
                {
                    await CatchUpAsync();
                    continue;
                }
                _sequenceNr = changes.SequenceNr;
                Send(() => _state.Apply(changes.Changes));
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Closed.
        }
        catch (Exception e) when (e is SubscriberTooSlow || e.InnerException is SubscriberTooSlow)
        {
            Fail(new WatchError(WatchError.SysErr,
                $"the watch fell more than {CollectionFeed.Capacity} writes behind its collection and was stopped; watch again"));
        }
        catch (WatchError e)
        {
            Fail(e);
        }
        catch (Exception e)
        {
            _log.LogError(e, "Watch {QueryId} on {Entity} failed", QueryId, _subscription.EntityId);
            Fail(new WatchError(WatchError.SysErr, "the watch failed inside ActorCloud; watch again"));
        }
    }

    /// <summary>
    /// The collection's entity started again and is past what this watch has seen: writes made meanwhile never reached
    /// the feed, so read the collection again — what the query matches and what the watch holds — and send the
    /// difference as one event batch, as if those writes had come one after another.
    /// </summary>
    private async Task CatchUpAsync()
    {
        IReadOnlyList<BsonValue> held;
        lock (_gate) held = _state.Held;
        var following = await _registry.FollowAsync(_subscription.EntityId, _filterQuery, held, _stop.Token);
        _sequenceNr = following.SequenceNr;
        Send(() => _state.Reconcile(following.Documents));
    }

    private void Send(Func<IReadOnlyList<WatchEvent>> apply)
    {
        lock (_gate)
        {
            if (_closed) return;
            var events = apply();
            if (events.Count == 0) return;
            var batch = new EventBatch(++_eventId, events);
            _history.Add(batch.Id, events);
            _owner?.Send(WatchFrames.Events(WatchFrames.NextEventType, _watchId, WatchFrames.NewRequestId(), QueryId, _eventId, [batch]));
        }
    }

    /// <summary>Ends the watch with an error: told now if a socket is attached, else at its resume.</summary>
    private void Fail(WatchError error)
    {
        lock (_gate)
        {
            if (_closed) return;
            _failure = error;
            if (_owner is { } owner)
            {
                owner.Send(WatchFrames.Error(_watchId, WatchFrames.NewRequestId(), error.Code, error.Message));
                CloseLocked();
                return;
            }
            _stop.Cancel();
            _subscription.Dispose();
        }
    }

    private async Task ExpireAsync(long attachment)
    {
        await Task.Delay(WatchSessions.Retention);
        lock (_gate)
        {
            if (_owner is null && _attachments == attachment) CloseLocked();
        }
    }

    private void CloseLocked()
    {
        if (_closed) return;
        _closed = true;
        _stop.Cancel();
        _subscription.Dispose();
        _registry.Forget(this);
        if (_owner is { } owner) owner.Forget(_watchId!, this);
        _owner = null;
    }
}
