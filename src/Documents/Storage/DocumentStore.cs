using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Storage;

/// <summary>
/// A collection's documents by <c>_id</c>, in natural (insertion) order, the order MongoDB and CloudBase
/// return unsorted results in. Documents are treated as immutable values: an update stores a new document
/// in the old one's slot, so readers may keep references to documents they were handed.
/// </summary>
/// <remarks>
/// Slots live in fixed-size chunks, with an id → slot map for O(1) lookup, in-place replacement and removal;
/// removed slots become holes that are compacted away once they outnumber the live documents. Chunks are
/// copy-on-write towards <see cref="Snapshot"/>s: taking one costs a copy of the chunk list, and afterwards the
/// first write to each shared chunk copies that chunk only.
/// </remarks>
public sealed class DocumentStore : IDocumentSource
{
    public const int ChunkSize = 256;

    private readonly Dictionary<BsonValue, int> _slotById = new(BsonValueComparer.Instance);
    private BsonDocument?[][] _chunks = [];
    private int[] _chunkVersions = [];
    private int _version;
    private int _used;

    public int Count => _slotById.Count;

    public bool Contains(BsonValue id) => _slotById.ContainsKey(id);

    public BsonDocument? Find(BsonValue id) =>
        _slotById.TryGetValue(id, out var slot) ? _chunks[slot / ChunkSize][slot % ChunkSize] : null;

    /// <summary>Adds a new document or replaces the one with the same <c>_id</c> in place.</summary>
    public void Put(BsonDocument document)
    {
        var id = document["_id"];
        if (_slotById.TryGetValue(id, out var slot))
        {
            Set(slot, document);
            return;
        }
        if (_used == _chunks.Length * ChunkSize) AddChunk();
        Set(_used, document);
        _slotById[id] = _used++;
    }

    public bool Remove(BsonValue id)
    {
        if (!_slotById.Remove(id, out var slot)) return false;
        Set(slot, null);
        if (_used > 4 * ChunkSize && _slotById.Count < _used / 2) Compact();
        return true;
    }

    public void Clear()
    {
        _slotById.Clear();
        _chunks = [];
        _chunkVersions = [];
        _used = 0;
    }

    /// <summary>All documents in natural order. Do not modify the store while enumerating.</summary>
    public IEnumerable<BsonDocument> All() => DocumentSnapshot.Occupied(_chunks, _used);

    /// <summary>An immutable copy of the current documents, e.g. for a snapshot written on another thread.</summary>
    public BsonDocument[] ToArray() => All().ToArray();

    /// <summary>The current documents, frozen: later writes to the store do not show in the snapshot.</summary>
    public DocumentSnapshot Snapshot()
    {
        _version++;
        return new DocumentSnapshot((BsonDocument?[][])_chunks.Clone(), _used, _slotById.Count);
    }

    private void Set(int slot, BsonDocument? document)
    {
        var chunk = slot / ChunkSize;
        if (_chunkVersions[chunk] != _version)
        {
            _chunks[chunk] = (BsonDocument?[])_chunks[chunk].Clone();
            _chunkVersions[chunk] = _version;
        }
        _chunks[chunk][slot % ChunkSize] = document;
    }

    private void AddChunk()
    {
        Array.Resize(ref _chunks, _chunks.Length + 1);
        Array.Resize(ref _chunkVersions, _chunkVersions.Length + 1);
        _chunks[^1] = new BsonDocument?[ChunkSize];
        _chunkVersions[^1] = _version;
    }

    /// <summary>Rebuilds the chunks without holes; fresh chunks are never shared with a snapshot.</summary>
    private void Compact()
    {
        var live = ToArray();
        _chunks = [];
        _chunkVersions = [];
        _used = 0;
        _slotById.Clear();
        foreach (var document in live) Put(document);
    }
}
