using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Storage;

/// <summary>
/// A collection's documents by <c>_id</c>, in natural (insertion) order, the order MongoDB and CloudBase
/// return unsorted results in. Documents are treated as immutable values: an update stores a new document
/// in the old one's slot, so readers may keep references to documents they were handed.
/// </summary>
/// <remarks>
/// Slots plus an id → slot map give O(1) lookup, in-place replacement and removal; removed slots become
/// holes that are compacted away once they outnumber the live documents.
/// </remarks>
public sealed class DocumentStore
{
    private readonly Dictionary<BsonValue, int> _slotById = new(BsonValueComparer.Instance);
    private BsonDocument?[] _slots = new BsonDocument?[16];
    private int _used;

    public int Count => _slotById.Count;

    public bool Contains(BsonValue id) => _slotById.ContainsKey(id);

    public BsonDocument? Find(BsonValue id) => _slotById.TryGetValue(id, out var slot) ? _slots[slot] : null;

    /// <summary>Adds a new document or replaces the one with the same <c>_id</c> in place.</summary>
    public void Put(BsonDocument document)
    {
        var id = document["_id"];
        if (_slotById.TryGetValue(id, out var slot))
        {
            _slots[slot] = document;
            return;
        }
        if (_used == _slots.Length) Grow();
        _slots[_used] = document;
        _slotById[id] = _used++;
    }

    public bool Remove(BsonValue id)
    {
        if (!_slotById.Remove(id, out var slot)) return false;
        _slots[slot] = null;
        if (_used > 64 && _slotById.Count < _used / 2) Compact();
        return true;
    }

    public void Clear()
    {
        _slotById.Clear();
        _slots = new BsonDocument?[16];
        _used = 0;
    }

    /// <summary>All documents in natural order. Do not modify the store while enumerating.</summary>
    public IEnumerable<BsonDocument> All()
    {
        for (var i = 0; i < _used; i++)
        {
            var document = _slots[i];
            if (document is not null) yield return document;
        }
    }

    /// <summary>An immutable copy of the current documents, e.g. for a snapshot written on another thread.</summary>
    public BsonDocument[] ToArray()
    {
        var result = new BsonDocument[_slotById.Count];
        var n = 0;
        for (var i = 0; i < _used; i++)
        {
            var document = _slots[i];
            if (document is not null) result[n++] = document;
        }
        return result;
    }

    private void Grow() => Array.Resize(ref _slots, _slots.Length * 2);

    private void Compact()
    {
        var n = 0;
        for (var i = 0; i < _used; i++)
        {
            var document = _slots[i];
            if (document is null) continue;
            _slots[n] = document;
            _slotById[document["_id"]] = n++;
        }
        Array.Clear(_slots, n, _used - n);
        _used = n;
    }
}
