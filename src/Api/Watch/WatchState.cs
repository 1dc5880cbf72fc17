using ActorCloud.Actors.Collections;
using ActorCloud.Documents.Query;
using ActorCloud.Documents.Sorting;
using MongoDB.Bson;

namespace ActorCloud.Api.Watch;

/// <summary>
/// The result set of one watch and the realtime events that keep a client's copy of it right (protocol notes
/// §3.9.1). It tracks every document matching the query, in the watch's order, and the window of the first
/// <c>limit</c> of them that the client holds (all of them without a limit). <see cref="Apply"/> turns one committed
/// write into the events of one event ID: the document's own change by its membership before and after, plus the
/// documents a limit window pushed out or pulled in. Events go out as removals, then in-place changes, then
/// arrivals in window order, because the client appends arrivals and never re-sorts.
/// </summary>
public sealed class WatchState
{
    /// <summary>CloudBase's cap on the documents one watch follows.</summary>
    public const int MaxDocuments = 5000;

    private readonly QueryFilter _filter;
    private readonly int? _limit;
    private readonly SortedSet<BsonDocument> _matching;
    private readonly Dictionary<BsonValue, BsonDocument> _byId = [];
    private List<BsonValue> _window = [];
    private HashSet<BsonValue> _inWindow = [];

    /// <param name="order">The watch's <c>orderBy</c> (1/-1 per field); empty means CloudBase's default, <c>_id</c> descending.</param>
    /// <param name="candidates">The collection's documents, or any superset of those matching.</param>
    public WatchState(QueryFilter filter, BsonDocument order, int? limit, IEnumerable<BsonDocument> candidates)
    {
        _filter = filter;
        _limit = limit;
        _matching = new SortedSet<BsonDocument>(SortSpec.Parse(TotalOrder(order)));
        foreach (var document in candidates)
        {
            if (!filter.Matches(document)) continue;
            Add(document);
            CheckSize();
        }
        _window = WindowIds();
        _inWindow = [.. _window];
    }

    /// <summary>What the client holds, in the watch's order: the documents of the init events.</summary>
    public IReadOnlyList<BsonDocument> Visible => _limit is null ? [.. _matching] : [.. _window.Select(id => _byId[id])];

    /// <summary>The ids of every document the watch follows (in or out of its window).</summary>
    public IReadOnlyList<BsonValue> Held => [.. _byId.Keys];

    /// <summary>
    /// The events that bring the client from this state to the collection as it is now, after writes this watch never
    /// saw: <paramref name="candidates"/> are the documents the query matches now plus those with the <see cref="Held"/>
    /// ids that still exist. Each held document changes as by an update (or a removal, when gone), each new one as by an
    /// insert, all in one batch.
    /// </summary>
    public IReadOnlyList<WatchEvent> Reconcile(IReadOnlyList<BsonDocument> candidates)
    {
        var now = new Dictionary<BsonValue, BsonDocument>();
        foreach (var document in candidates) now[document["_id"]] = document;
        var changes = new List<DocumentChange>();
        foreach (var (id, before) in _byId)
        {
            if (!now.TryGetValue(id, out var after)) changes.Add(new DocumentChange(ChangeKind.Remove, id, before, null));
            else if (!after.Equals(before)) changes.Add(new DocumentChange(ChangeKind.Update, id, before, after));
        }
        foreach (var (id, document) in now)
        {
            if (!_byId.ContainsKey(id)) changes.Add(new DocumentChange(ChangeKind.Insert, id, null, document));
        }
        return Apply(changes);
    }

    private bool IsVisible(BsonValue id) => _limit is null ? _byId.ContainsKey(id) : _inWindow.Contains(id);

    public IReadOnlyList<WatchEvent> Apply(IReadOnlyList<DocumentChange> changes)
    {
        var touched = new List<Touch>();
        var byId = new Dictionary<BsonValue, Touch>();
        foreach (var change in changes)
        {
            if (change.Kind == ChangeKind.Drop)
            {
                foreach (var id in _byId.Keys.ToList()) Record(touched, byId, id, ChangeKind.Remove, _byId[id], after: null);
                continue;
            }
            if ((change.Id ?? (change.After ?? change.Before)?.GetValue("_id", null)) is { } changed)
                Record(touched, byId, changed, change.Kind, change.Before, change.After);
        }
        CheckSize();

        var oldWindow = _window;
        var newWindow = WindowIds();
        HashSet<BsonValue> inNewWindow = [.. newWindow];
        bool NowVisible(BsonValue id) => _limit is null ? _byId.ContainsKey(id) : inNewWindow.Contains(id);

        var events = new List<WatchEvent>();
        foreach (var t in touched.Where(t => t.WasVisible && !NowVisible(t.Id))) events.Add(Leaving(t));
        if (_limit is not null)
        {
            foreach (var id in oldWindow.Where(id => !inNewWindow.Contains(id) && !byId.ContainsKey(id)))
                events.Add(WatchEvent.WithDocument(WatchEvent.Limit, WatchEvent.Dequeue, _byId[id]));
        }
        foreach (var t in touched.Where(t => t.WasVisible && NowVisible(t.Id)))
        {
            if (InPlace(t) is { } update) events.Add(update);
        }
        var arrivals = _limit is null
            ? touched.Where(t => !t.WasVisible && NowVisible(t.Id)).Select(t => t.Id).OrderBy(id => _byId[id], _matching.Comparer)
            : newWindow.Where(id => !_inWindow.Contains(id));
        foreach (var id in arrivals)
        {
            events.Add(byId.TryGetValue(id, out var t)
                ? Arriving(t)
                : WatchEvent.WithDocument(WatchEvent.Limit, WatchEvent.Enqueue, _byId[id]));
        }

        _window = newWindow;
        _inWindow = inNewWindow;
        return events;
    }

    private void Record(List<Touch> touched, Dictionary<BsonValue, Touch> byId, BsonValue id, ChangeKind kind, BsonDocument? before, BsonDocument? after)
    {
        if (byId.TryGetValue(id, out var touch))
        {
            touch.Kind = Combine(touch.Kind, kind);
        }
        else
        {
            touch = new Touch(id, kind, IsVisible(id), _byId.GetValueOrDefault(id) ?? before);
            byId.Add(id, touch);
            touched.Add(touch);
        }
        touch.After = after;
        if (_byId.Remove(id, out var old)) _matching.Remove(old);
        if (after is not null && _filter.Matches(after)) Add(after);
    }

    /// <summary>Several changes of one document in one write, as the one change a client sees.</summary>
    private static ChangeKind Combine(ChangeKind first, ChangeKind next) => (first, next) switch
    {
        (_, ChangeKind.Remove) => ChangeKind.Remove,
        (ChangeKind.Insert, _) => ChangeKind.Insert,
        (ChangeKind.Update, ChangeKind.Update) => ChangeKind.Update,
        _ => ChangeKind.Replace,
    };

    private WatchEvent Leaving(Touch t) => t.Kind switch
    {
        ChangeKind.Remove => WatchEvent.Removed(t.Id),
        _ => Changed(t, WatchEvent.Dequeue, t.After!),
    };

    private WatchEvent? InPlace(Touch t)
    {
        var after = _byId[t.Id];
        return t.Before is not null && t.Kind == ChangeKind.Update && DocumentDiff.Between(t.Before, after).IsEmpty
            ? null
            : Changed(t, WatchEvent.Update, after);
    }

    private WatchEvent Arriving(Touch t) => t.Kind == ChangeKind.Insert
        ? WatchEvent.WithDocument(WatchEvent.Add, WatchEvent.Enqueue, _byId[t.Id])
        : Changed(t, WatchEvent.Enqueue, _byId[t.Id]);

    /// <summary>An update (with what it changed, when the prior document is known) or a replacement.</summary>
    private static WatchEvent Changed(Touch t, string queueType, BsonDocument after) => t.Kind == ChangeKind.Update
        ? WatchEvent.WithDocument(WatchEvent.Update, queueType, after, t.Before is null ? null : DocumentDiff.Between(t.Before, after))
        : WatchEvent.WithDocument(WatchEvent.Replace, queueType, after);

    private void Add(BsonDocument document)
    {
        _byId[document["_id"]] = document;
        _matching.Add(document);
    }

    private List<BsonValue> WindowIds() =>
        _limit is { } limit ? [.. _matching.Take(limit).Select(d => d["_id"])] : [];

    private void CheckSize()
    {
        if (_byId.Count > MaxDocuments)
            throw new WatchError(WatchError.SysErr,
                $"the watch's query matches more than {MaxDocuments} documents, CloudBase's limit for one watch; narrow it with where()");
    }

    /// <summary>The order with <c>_id</c> as the final tie-break, so a limit window is always the same documents.</summary>
    private static BsonDocument TotalOrder(BsonDocument order)
    {
        if (order.ElementCount == 0) return new BsonDocument("_id", -1);
        return order.Contains("_id") ? order : new BsonDocument(order.Elements).Add("_id", 1);
    }

    private sealed class Touch(BsonValue id, ChangeKind kind, bool wasVisible, BsonDocument? before)
    {
        public BsonValue Id { get; } = id;
        public ChangeKind Kind { get; set; } = kind;
        public bool WasVisible { get; } = wasVisible;
        public BsonDocument? Before { get; } = before;
        public BsonDocument? After { get; set; }
    }
}
