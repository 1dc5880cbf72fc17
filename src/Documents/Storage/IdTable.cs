using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Storage;

/// <summary>
/// The store's <c>_id</c> → slot lookup, in about 12 bytes a document: an open-addressing table of slots (linear
/// probing, backward-shift deletion) and each slot's id hash. Ids themselves are not kept — they are in the documents'
/// bytes, and a probe reads one (<paramref name="idAt"/>) only when the hashes are equal, so a lookup of a new id reads
/// none. A <see cref="Dictionary{TKey,TValue}"/> would keep a <see cref="BsonValue"/> object per document, about ten
/// times as much.
/// </summary>
internal sealed class IdTable(Func<int, BsonValue> idAt)
{
    private const int Empty = 0;

    private int[] _table = new int[16];
    private int[] _hashBySlot = new int[16];

    public int Count { get; private set; }

    /// <summary>The comparer's hash, mixed (murmur3's finalizer): a number's hash keeps its low bits zero.</summary>
    public static int Hash(BsonValue id)
    {
        var h = (uint)BsonValueComparer.Instance.GetHashCode(id);
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return (int)h;
    }

    /// <summary>The id's slot, or -1.</summary>
    public int Find(BsonValue id, int hash)
    {
        var mask = _table.Length - 1;
        for (var i = hash & mask; _table[i] != Empty; i = (i + 1) & mask)
        {
            var slot = _table[i] - 1;
            if (_hashBySlot[slot] == hash && BsonValueComparer.Instance.Equals(idAt(slot), id)) return slot;
        }
        return -1;
    }

    /// <summary>Files a slot whose id is not in the table yet.</summary>
    public void Add(int slot, int hash)
    {
        if (slot >= _hashBySlot.Length) Array.Resize(ref _hashBySlot, Math.Max(slot + 1, _hashBySlot.Length * 2));
        _hashBySlot[slot] = hash;
        if ((Count + 1) * 4 > _table.Length * 3) Grow();
        Place(slot);
        Count++;
    }

    public void Remove(int slot)
    {
        var mask = _table.Length - 1;
        var i = _hashBySlot[slot] & mask;
        while (_table[i] - 1 != slot) i = (i + 1) & mask;
        // Backward shift: move later members of the probe run into the gap unless that would put them before their home.
        var gap = i;
        for (var j = (gap + 1) & mask; _table[j] != Empty; j = (j + 1) & mask)
        {
            var home = _hashBySlot[_table[j] - 1] & mask;
            if (((j - home) & mask) >= ((j - gap) & mask))
            {
                _table[gap] = _table[j];
                gap = j;
            }
        }
        _table[gap] = Empty;
        Count--;
    }

    /// <summary>Refiles every slot after compaction renumbered them: <paramref name="renumbered"/>[old] = new, or -1.</summary>
    public void Renumber(int[] renumbered)
    {
        var hashes = new int[Math.Max(16, _hashBySlot.Length)];
        for (var old = 0; old < renumbered.Length; old++)
        {
            if (renumbered[old] >= 0) hashes[renumbered[old]] = _hashBySlot[old];
        }
        _hashBySlot = hashes;
        Array.Clear(_table);
        for (var old = 0; old < renumbered.Length; old++)
        {
            if (renumbered[old] >= 0) Place(renumbered[old]);
        }
    }

    public void Clear()
    {
        _table = new int[16];
        _hashBySlot = new int[16];
        Count = 0;
    }

    private void Place(int slot)
    {
        var mask = _table.Length - 1;
        var i = _hashBySlot[slot] & mask;
        while (_table[i] != Empty) i = (i + 1) & mask;
        _table[i] = slot + 1;
    }

    private void Grow()
    {
        var old = _table;
        _table = new int[old.Length * 2];
        foreach (var entry in old)
        {
            if (entry != Empty) Place(entry - 1);
        }
    }
}
