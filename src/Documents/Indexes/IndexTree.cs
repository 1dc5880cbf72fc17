using MongoDB.Bson;

namespace ActorCloud.Documents.Indexes;

/// <summary>
/// One key of an index and the slot of the document filed under it in the collection's
/// <see cref="Storage.DocumentStore"/> (or a snapshot of it). Entries with equal keys are in slot order, which is natural
/// order — the order an unindexed scan meets them in.
/// </summary>
public readonly record struct IndexEntry(BsonValue[] Key, int Slot);

/// <summary>
/// An index's entries in key order (then slot order), as a two-level B-tree: sorted leaves of at most
/// <see cref="LeafSize"/> entries and the list of leaves. Seeks are two binary searches; a scan walks leaves in
/// order. Like <see cref="Storage.DocumentStore"/> it is copy-on-write towards snapshots: <see cref="Snapshot"/>
/// copies the leaf list, and the first later write to a shared leaf copies that leaf only — so readers on other
/// threads scan a frozen index while the entity keeps writing.
/// </summary>
public sealed class IndexTree
{
    public const int LeafSize = 128;

    private readonly KeyComparer _keys;
    private readonly IComparer<IndexEntry> _entries;
    private Leaf[] _leaves = [];
    private int _version;

    public IndexTree(IndexSpec spec)
    {
        Spec = spec;
        _keys = new KeyComparer(spec);
        _entries = Comparer<IndexEntry>.Create((x, y) =>
        {
            var order = _keys.Compare(x.Key, y.Key);
            return order != 0 ? order : x.Slot.CompareTo(y.Slot);
        });
    }

    private IndexTree(IndexSpec spec, KeyComparer keys, IComparer<IndexEntry> entries, Leaf[] leaves, int count)
    {
        Spec = spec;
        _keys = keys;
        _entries = entries;
        _leaves = leaves;
        Count = count;
    }

    public IndexSpec Spec { get; }

    public int Count { get; private set; }

    /// <summary>True once some document put more than one key in the index: it then cannot give a sort order.</summary>
    public bool IsMultikey { get; private set; }

    public void Add(IReadOnlyList<BsonValue[]> keys, int slot)
    {
        if (keys.Count > 1) IsMultikey = true;
        foreach (var key in keys) Insert(new IndexEntry(key, slot));
    }

    public void Remove(IReadOnlyList<BsonValue[]> keys, int slot)
    {
        foreach (var key in keys) Delete(new IndexEntry(key, slot));
    }

    /// <summary>The slots of the documents filed under exactly this key (a unique index has at most one).</summary>
    public IEnumerable<int> SlotsWithKey(BsonValue[] key) =>
        Scan(new KeyBound(key, true), new KeyBound(key, true)).Select(e => e.Slot);

    /// <summary>
    /// Entries between the bounds, in index order; a bound compares on its own length (a prefix of the key), and a
    /// null bound is open.
    /// </summary>
    public IEnumerable<IndexEntry> Scan(KeyBound? lower, KeyBound? upper)
    {
        var leaves = _leaves;
        var (leaf, position) = lower is { } from ? Seek(leaves, from) : (0, 0);
        for (; leaf < leaves.Length; leaf++, position = 0)
        {
            var node = leaves[leaf];
            for (; position < node.Count; position++)
            {
                var entry = node.Entries[position];
                if (upper is { } to && !to.Admits(_keys, entry.Key, upper: true)) yield break;
                yield return entry;
            }
        }
    }

    /// <summary>
    /// Fills an empty tree in one pass: the entries sorted once and cut into leaves three-quarters full (room for later
    /// inserts before a split), instead of one binary search and shift per entry.
    /// </summary>
    public void Load(IEnumerable<(IReadOnlyList<BsonValue[]> Keys, int Slot)> documents)
    {
        if (Count > 0) throw new InvalidOperationException("Load fills an empty tree only");
        var entries = new List<IndexEntry>();
        foreach (var (keys, slot) in documents)
        {
            if (keys.Count > 1) IsMultikey = true;
            foreach (var key in keys) entries.Add(new IndexEntry(key, slot));
        }
        entries.Sort(_entries);
        const int fill = LeafSize * 3 / 4;
        var leaves = new Leaf[(entries.Count + fill - 1) / fill];
        for (var i = 0; i < leaves.Length; i++)
        {
            var leaf = new Leaf(new IndexEntry[LeafSize], Math.Min(fill, entries.Count - i * fill), _version);
            entries.CopyTo(i * fill, leaf.Entries, 0, leaf.Count);
            leaves[i] = leaf;
        }
        _leaves = leaves;
        Count = entries.Count;
    }

    /// <summary>A frozen copy for readers on other threads; later writes here do not show in it.</summary>
    public IndexTree Snapshot()
    {
        _version++;
        return new IndexTree(Spec, _keys, _entries, (Leaf[])_leaves.Clone(), Count) { IsMultikey = IsMultikey };
    }

    /// <summary>The first leaf and position whose entry the lower bound admits.</summary>
    private (int Leaf, int Position) Seek(Leaf[] leaves, KeyBound from)
    {
        int low = 0, high = leaves.Length - 1, leaf = leaves.Length;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var last = leaves[middle].Entries[leaves[middle].Count - 1];
            if (from.Admits(_keys, last.Key, upper: false)) { leaf = middle; high = middle - 1; }
            else low = middle + 1;
        }
        if (leaf == leaves.Length) return (leaf, 0);
        var node = leaves[leaf];
        int lo = 0, hi = node.Count - 1, position = node.Count;
        while (lo <= hi)
        {
            var middle = (lo + hi) >>> 1;
            if (from.Admits(_keys, node.Entries[middle].Key, upper: false)) { position = middle; hi = middle - 1; }
            else lo = middle + 1;
        }
        return (leaf, position);
    }

    private void Insert(IndexEntry entry)
    {
        if (_leaves.Length == 0)
        {
            _leaves = [new Leaf(new IndexEntry[LeafSize], 0, _version)];
        }
        var leafIndex = LeafFor(entry);
        var leaf = Writable(leafIndex);
        var position = Array.BinarySearch(leaf.Entries, 0, leaf.Count, entry, _entries);
        if (position >= 0) return;
        position = ~position;
        Array.Copy(leaf.Entries, position, leaf.Entries, position + 1, leaf.Count - position);
        leaf.Entries[position] = entry;
        leaf.Count++;
        Count++;
        if (leaf.Count == LeafSize) Split(leafIndex);
    }

    private void Delete(IndexEntry entry)
    {
        if (_leaves.Length == 0) return;
        var leafIndex = LeafFor(entry);
        var position = Array.BinarySearch(_leaves[leafIndex].Entries, 0, _leaves[leafIndex].Count, entry, _entries);
        if (position < 0) return;
        var leaf = Writable(leafIndex);
        Array.Copy(leaf.Entries, position + 1, leaf.Entries, position, leaf.Count - position - 1);
        leaf.Entries[--leaf.Count] = default;
        Count--;
        if (leaf.Count == 0) _leaves = [.. _leaves.Take(leafIndex), .. _leaves.Skip(leafIndex + 1)];
    }

    /// <summary>The leaf an entry belongs in: the first whose last entry is not below it, else the last leaf.</summary>
    private int LeafFor(IndexEntry entry)
    {
        int low = 0, high = _leaves.Length - 1;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            var leaf = _leaves[middle];
            if (_entries.Compare(leaf.Entries[leaf.Count - 1], entry) < 0) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private Leaf Writable(int index)
    {
        var leaf = _leaves[index];
        if (leaf.Version == _version) return leaf;
        var copy = new Leaf((IndexEntry[])leaf.Entries.Clone(), leaf.Count, _version);
        _leaves[index] = copy;
        return copy;
    }

    private void Split(int index)
    {
        var full = _leaves[index];
        var half = full.Count / 2;
        var right = new Leaf(new IndexEntry[LeafSize], full.Count - half, _version);
        Array.Copy(full.Entries, half, right.Entries, 0, right.Count);
        Array.Clear(full.Entries, half, right.Count);
        full.Count = half;
        _leaves = [.. _leaves.Take(index + 1), right, .. _leaves.Skip(index + 1)];
    }

    private sealed class Leaf(IndexEntry[] entries, int count, int version)
    {
        public IndexEntry[] Entries { get; } = entries;
        public int Count { get; set; } = count;
        public int Version { get; } = version;
    }
}

/// <summary>One end of an index range: a key prefix, and whether keys equal to it are inside.</summary>
public readonly record struct KeyBound(BsonValue[] Prefix, bool Inclusive)
{
    /// <summary>Whether a key is on the inside of this bound (at or after a lower one; at or before an upper one).</summary>
    public bool Admits(KeyComparer keys, BsonValue[] key, bool upper)
    {
        var order = keys.ComparePrefix(key, Prefix);
        return upper ? order < 0 || (order == 0 && Inclusive) : order > 0 || (order == 0 && Inclusive);
    }
}
