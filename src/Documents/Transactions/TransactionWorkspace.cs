using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Transactions;

/// <summary>
/// What a transaction has read and written so far, per collection: for every document it touched, the version it first
/// saw (what the commit checks) and its state as the transaction sees it now (its own writes included). Reads repeat:
/// once a document is in the workspace, the transaction sees the workspace's copy, whatever others commit meanwhile.
/// </summary>
public sealed class TransactionWorkspace
{
    private readonly Dictionary<string, Dictionary<BsonValue, Entry>> _collections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<QueryCheck>> _queries = new(StringComparer.Ordinal);

    private sealed class Entry(string? seen, BsonDocument? current, bool written)
    {
        public string? Seen { get; } = seen;
        public BsonDocument? Current { get; set; } = current;
        public bool Written { get; set; } = written;
    }

    /// <summary>The collections touched, in the order first touched.</summary>
    public IEnumerable<string> Collections => _collections.Keys.Union(_queries.Keys);

    /// <summary>True when the document is in the workspace; <paramref name="document"/> is then its state here (null: none).</summary>
    public bool TryGet(string collection, BsonValue id, out BsonDocument? document)
    {
        document = null;
        if (!_collections.TryGetValue(collection, out var entries) || !entries.TryGetValue(id, out var entry)) return false;
        document = entry.Current;
        return true;
    }

    /// <summary>Records a document as read from the committed state (null: it did not exist); a later read repeats it.</summary>
    public BsonDocument? Read(string collection, BsonValue id, BsonDocument? committed)
    {
        var entries = Entries(collection);
        if (entries.TryGetValue(id, out var entry)) return entry.Current;
        entries[id] = new Entry(DocumentVersion.Of(committed), committed, written: false);
        return committed;
    }

    /// <summary>Sets a document's new state (null: removed); it must have been read first.</summary>
    public void Write(string collection, BsonValue id, BsonDocument? after)
    {
        var entry = Entries(collection).TryGetValue(id, out var found)
            ? found
            : throw new InvalidOperationException($"document {id} of {collection} was written before it was read");
        entry.Current = after;
        entry.Written = true;
    }

    /// <summary>Records a query the transaction ran against the committed state, and what it matched there.</summary>
    public void RecordQuery(string collection, BsonDocument query, IEnumerable<BsonDocument> matched)
    {
        var versions = new Dictionary<BsonValue, string>(BsonValueComparer.Instance);
        foreach (var document in matched) versions[document["_id"]] = DocumentVersion.Of(document)!;
        if (!_queries.TryGetValue(collection, out var list)) _queries[collection] = list = [];
        list.Add(new QueryCheck(query, versions));
    }

    /// <summary>The documents of a collection the transaction wrote (for queries to see its own writes).</summary>
    public IEnumerable<(BsonValue Id, BsonDocument? Document)> Written(string collection) =>
        _collections.TryGetValue(collection, out var entries)
            ? entries.Where(e => e.Value.Written).Select(e => (e.Key, e.Value.Current))
            : [];

    /// <summary>A collection's part of the commit: its writes (with the versions first seen), reads and queries to check.</summary>
    public (IReadOnlyList<TransactionWrite> Writes, IReadOnlyList<QueryCheck> Checks) PartFor(string collection)
    {
        var writes = new List<TransactionWrite>();
        var checks = new List<QueryCheck>(_queries.GetValueOrDefault(collection) ?? []);
        var reads = new Dictionary<BsonValue, string>(BsonValueComparer.Instance);
        foreach (var (id, entry) in _collections.GetValueOrDefault(collection) ?? [])
        {
            if (entry.Written) writes.Add(new TransactionWrite(id, entry.Seen, entry.Current));
            else if (entry.Seen is { } version) reads[id] = version;
            else checks.Add(new QueryCheck(new BsonDocument("_id", id), new Dictionary<BsonValue, string>(BsonValueComparer.Instance)));
        }
        // Documents only read must still be as read: one query by their ids, expecting exactly those versions.
        if (reads.Count > 0) checks.Add(new QueryCheck(new BsonDocument("_id", new BsonDocument("$in", new BsonArray(reads.Keys))), reads));
        return (writes, checks);
    }

    private Dictionary<BsonValue, Entry> Entries(string collection)
    {
        if (!_collections.TryGetValue(collection, out var entries))
            _collections[collection] = entries = new Dictionary<BsonValue, Entry>(BsonValueComparer.Instance);
        return entries;
    }
}
