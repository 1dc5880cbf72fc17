using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Storage;
using MongoDB.Bson;

namespace ActorCloud.Documents.Indexes;

/// <summary>
/// A collection's secondary indexes (the <c>_id</c> index is the document store itself): declared, kept up to date as
/// documents change, and consulted before a write so that a unique index is never violated and no document lands
/// that an index could not hold (parallel arrays). Plain C#: the collection entity decides with it and applies to it.
/// </summary>
public sealed class IndexSet
{
    private readonly List<IndexTree> _trees;

    public IndexSet() => _trees = [];

    private IndexSet(List<IndexTree> trees) => _trees = trees;

    public IReadOnlyList<IndexTree> Trees => _trees;

    public IndexTree? Find(string name) => _trees.FirstOrDefault(t => t.Spec.Name == name);

    /// <summary>
    /// Refuses an index that cannot be created over these documents — a name or key set already taken, too many indexes,
    /// duplicates under a unique index, parallel arrays — so that <see cref="Create"/> never fails during apply.
    /// </summary>
    public void CheckNew(IndexSpec spec, IEnumerable<BsonDocument> documents, string collection)
    {
        if (Find(spec.Name) is { } named)
        {
            if (named.Spec == spec || named.Spec.SameKeys(spec) && named.Spec.Unique == spec.Unique) return;
            throw DocumentException.RequestFailed($"an index named '{spec.Name}' already exists with other keys");
        }
        if (_trees.FirstOrDefault(t => t.Spec.SameKeys(spec)) is { } same)
            throw DocumentException.RequestFailed($"index '{same.Spec.Name}' already has the same keys; drop it first");
        if (_trees.Count + 1 >= IndexSpec.MaxIndexes)
            throw DocumentException.RequestFailed($"a collection has at most {IndexSpec.MaxIndexes} indexes, the _id index included");
        var seen = spec.Unique ? new Dictionary<BsonValue[], BsonValue>(KeyEquality.Instance) : null;
        foreach (var document in documents)
        {
            var keys = IndexKeys.Of(spec, document);
            if (seen is null) continue;
            foreach (var key in keys)
            {
                if (seen.TryAdd(key, document["_id"])) continue;
                if (!BsonValueComparer.Instance.Equals(seen[key], document["_id"]))
                    throw DuplicateKey(collection, spec, key);
            }
        }
    }

    /// <summary>Adds an index checked by <see cref="CheckNew"/> and fills it; an index of the same name and keys is kept.</summary>
    public void Create(IndexSpec spec, IEnumerable<(int Slot, BsonDocument Document)> documents)
    {
        if (Find(spec.Name) is not null) return;
        var tree = new IndexTree(spec);
        tree.Load(documents.Select(d => (IndexKeys.Of(spec, d.Document), d.Slot)));
        _trees.Add(tree);
    }

    /// <summary>
    /// Refills every index from the documents, reading each once: after the slots were renumbered (see
    /// <see cref="DocumentStore.Compact"/>) or a snapshot was loaded.
    /// </summary>
    public void Rebuild(IEnumerable<(int Slot, BsonDocument Document)> documents)
    {
        if (_trees.Count == 0) return;
        var specs = _trees.Select(t => t.Spec).ToList();
        var keys = specs.Select(_ => new List<(IReadOnlyList<BsonValue[]>, int)>()).ToList();
        foreach (var (slot, document) in documents)
        {
            for (var i = 0; i < specs.Count; i++) keys[i].Add((IndexKeys.Of(specs[i], document), slot));
        }
        _trees.Clear();
        for (var i = 0; i < specs.Count; i++)
        {
            var tree = new IndexTree(specs[i]);
            tree.Load(keys[i]);
            _trees.Add(tree);
        }
    }

    public bool Drop(string name) => _trees.RemoveAll(t => t.Spec.Name == name) > 0;

    public void Clear() => _trees.Clear();

    /// <summary>
    /// Keeps every index in step with one document's change (null before: inserted; null after: removed) in
    /// <paramref name="slot"/>. A change that keeps a document's keys costs nothing: entries refer to the slot.
    /// </summary>
    public void Apply(BsonDocument? before, BsonDocument? after, int slot)
    {
        foreach (var tree in _trees)
        {
            var beforeKeys = before is null ? null : IndexKeys.Of(tree.Spec, before);
            var afterKeys = after is null ? null : IndexKeys.Of(tree.Spec, after);
            if (beforeKeys is not null && afterKeys is not null && IndexKeys.Same(beforeKeys, afterKeys)) continue;
            if (beforeKeys is not null) tree.Remove(beforeKeys, slot);
            if (afterKeys is not null) tree.Add(afterKeys, slot);
        }
    }

    /// <summary>A check of one write command's changes, all at once (a batch may move a unique key between documents).</summary>
    public WriteCheck BeginWrite(string collection, DocumentStore store) => new(this, collection, store);

    /// <summary>Frozen copies of every index, for a published view.</summary>
    public IndexSet Snapshot() => new([.. _trees.Select(t => t.Snapshot())]);

    internal static DocumentException DuplicateKey(string collection, IndexSpec spec, BsonValue[] key) =>
        DocumentException.RequestFailed(
            $"E11000 duplicate key error collection: {collection} index: {spec.Name} dup key: {{ " +
            string.Join(", ", spec.Fields.Select((f, i) => $"{f.Path}: {key[i].ToJson()}")) + " }");

    public sealed class WriteCheck(IndexSet indexes, string collection, DocumentStore store)
    {
        /// <summary>Each written document with its keys in every index, in the order of the set's trees.</summary>
        private readonly List<(BsonValue Id, IReadOnlyList<BsonValue[]>[] Keys)> _written = [];

        /// <summary>The slots of the documents the write replaces or removes: their keys are free for the write's own.</summary>
        private readonly HashSet<int> _released = [];

        /// <summary>Records one document's change; keys are derived now, so an unindexable document is refused at once.</summary>
        public void Change(BsonDocument? before, BsonDocument? after)
        {
            if (before is not null && store.SlotOf(before["_id"]) is var slot and >= 0) _released.Add(slot);
            if (after is null) return;
            _written.Add((after["_id"], [.. indexes._trees.Select(tree => IndexKeys.Of(tree.Spec, after))]));
        }

        /// <summary>Throws the duplicate-key error when the changes, taken together, would break a unique index.</summary>
        public void Verify()
        {
            for (var t = 0; t < indexes._trees.Count; t++)
            {
                var tree = indexes._trees[t];
                if (!tree.Spec.Unique) continue;
                var claimed = new Dictionary<BsonValue[], BsonValue>(KeyEquality.Instance);
                foreach (var (id, keys) in _written)
                {
                    foreach (var key in keys[t])
                    {
                        if (!claimed.TryAdd(key, id) && !BsonValueComparer.Instance.Equals(claimed[key], id))
                            throw DuplicateKey(collection, tree.Spec, key);
                        if (tree.SlotsWithKey(key).Any(holder => !_released.Contains(holder)))
                            throw DuplicateKey(collection, tree.Spec, key);
                    }
                }
            }
        }
    }

    /// <summary>Key tuples equal in MongoDB's comparison, for dictionaries.</summary>
    public sealed class KeyEquality : IEqualityComparer<BsonValue[]>
    {
        public static readonly KeyEquality Instance = new();

        public bool Equals(BsonValue[]? x, BsonValue[]? y) => x is not null && y is not null && KeyComparer.Same(x, y);

        public int GetHashCode(BsonValue[] key)
        {
            var hash = new HashCode();
            foreach (var value in key) hash.Add(BsonValueComparer.Instance.GetHashCode(value));
            return hash.ToHashCode();
        }
    }
}
