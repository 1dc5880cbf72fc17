using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Storage;

/// <summary>
/// A collection's documents by <c>_id</c>, in natural (insertion) order, the order MongoDB and CloudBase return
/// unsorted results in. Each document is kept as its BSON bytes — about a fifth of the memory of a
/// <see cref="BsonDocument"/> graph — and read into a fresh <see cref="BsonDocument"/> when asked for; past the
/// <see cref="StorageBudget"/>, the coldest documents move to a spill file and are read from there.
/// </summary>
/// <remarks>
/// Slots live in fixed-size chunks, with an id → slot table for O(1) lookup, in-place replacement and removal;
/// indexes refer to documents by slot. Removed slots become holes; <see cref="Compact"/> closes them (renumbering the
/// slots, so its caller rebuilds the indexes). Chunks are copy-on-write towards <see cref="Snapshot"/>s: taking one
/// costs a copy of the chunk list, and afterwards the first write to each shared chunk copies that chunk only.
/// </remarks>
public sealed class DocumentStore : IDocumentSource, IDisposable
{
    public const int ChunkSize = 256;

    private readonly StorageBudget _budget;
    private readonly IdTable _slotById;
    private DocumentChunk[] _chunks = [];
    private int _version;
    private int _used;
    private int _spillCursor;
    private SpillFile? _spill;

    public DocumentStore(StorageBudget? budget = null)
    {
        _budget = budget ?? StorageBudget.Unlimited;
        _slotById = new IdTable(slot => BsonBytes.IdOf(BytesAt(slot)!));
    }

    public int Count => _slotById.Count;

    /// <summary>BSON bytes of the documents held in memory.</summary>
    public long ResidentBytes { get; private set; }

    /// <summary>Documents currently in the spill file.</summary>
    public int SpilledCount { get; private set; }

    /// <summary>BSON bytes of the documents currently in the spill file (the file also holds superseded ones).</summary>
    public long SpilledBytes { get; private set; }

    /// <summary>The spill file's size, superseded documents included (0 before anything spilled).</summary>
    public long SpillFileBytes => _spill?.Length ?? 0;

    /// <summary>True once holes outnumber the live documents in a store big enough for compaction to pay off.</summary>
    public bool NeedsCompaction => _used > 4 * ChunkSize && _slotById.Count < _used / 2;

    public bool Contains(BsonValue id) => SlotOf(id) >= 0;

    /// <summary>The document's slot, or -1.</summary>
    public int SlotOf(BsonValue id) => _slotById.Find(id, IdTable.Hash(id));

    public BsonDocument? Find(BsonValue id) => FindBytes(id) is { } bytes ? BsonBytes.Read(bytes) : null;

    public byte[]? FindBytes(BsonValue id) => SlotOf(id) is var slot and >= 0 ? BytesAt(slot) : null;

    /// <summary>Adds a new document or replaces the one with the same <c>_id</c> in place; returns its slot.</summary>
    public int Put(BsonDocument document) => Put(document["_id"], BsonBytes.Of(document));

    /// <param name="bytes">The document's BSON, kept as it is: the caller must not change it afterwards.</param>
    public int Put(BsonValue id, byte[] bytes)
    {
        var hash = IdTable.Hash(id);
        var slot = _slotById.Find(id, hash);
        if (slot < 0)
        {
            if (_used == _chunks.Length * ChunkSize) AddChunk();
            slot = _used++;
            _slotById.Add(slot, hash);
        }
        Set(slot, bytes);
        if (ResidentBytes > _budget.ResidentBytes) SpillColdest();
        ReclaimIfWasteful();
        return slot;
    }

    public bool Remove(BsonValue id)
    {
        var slot = SlotOf(id);
        if (slot < 0) return false;
        _slotById.Remove(slot);
        Set(slot, null);
        ReclaimIfWasteful();
        return true;
    }

    public void Clear()
    {
        _slotById.Clear();
        _chunks = [];
        _used = 0;
        _spillCursor = 0;
        ResidentBytes = 0;
        SpilledCount = 0;
        SpilledBytes = 0;
        // Snapshots may still read the old file: it is closed (and deleted) once none holds it.
        _spill = null;
    }

    /// <summary>All documents in natural order. Do not modify the store while enumerating.</summary>
    public IEnumerable<BsonDocument> All() => AllBytes().Select(BsonBytes.Read);

    /// <summary>Each document with its slot, in natural order, read in place (read-only): to build indexes.</summary>
    public IEnumerable<(int Slot, BsonDocument Document)> Slots() =>
        DocumentChunk.Occupied(_chunks, _used, _spill).Select(d => (d.Slot, (BsonDocument)new BsonView(d.Bytes)));

    /// <summary>All documents in natural order, read in place (read-only): for checks that only look.</summary>
    public IEnumerable<BsonDocument> Views() => AllBytes().Select(bytes => new BsonView(bytes));

    public IEnumerable<byte[]> AllBytes() => DocumentChunk.Occupied(_chunks, _used, _spill).Select(d => d.Bytes);

    public BsonDocument[] ToArray() => All().ToArray();

    /// <summary>The current documents, frozen: later writes to the store do not show in the snapshot.</summary>
    public DocumentSnapshot Snapshot()
    {
        _version++;
        return new DocumentSnapshot((DocumentChunk[])_chunks.Clone(), _used, _slotById.Count, _spill);
    }

    /// <summary>
    /// Closes the holes, keeping natural order; every slot number may change. Spilled documents stay where they are in
    /// the spill file. Fresh chunks are never shared with a snapshot.
    /// </summary>
    public void Compact()
    {
        var chunks = new List<DocumentChunk>();
        var renumbered = new int[_used];
        Array.Fill(renumbered, -1);
        var used = 0;
        for (var slot = 0; slot < _used; slot++)
        {
            var from = _chunks[slot / ChunkSize];
            var index = slot % ChunkSize;
            if (from.IsHole(index)) continue;
            renumbered[slot] = used;
            if (used % ChunkSize == 0) chunks.Add(new DocumentChunk(_version));
            var to = chunks[^1];
            to.Resident[used % ChunkSize] = from.Resident[index];
            if (from.Spilled is { } spilled && spilled[index] != 0) to.SpilledSlots()[used % ChunkSize] = spilled[index];
            used++;
        }
        _slotById.Renumber(renumbered);
        _chunks = [.. chunks];
        _used = used;
        _spillCursor = 0;
    }

    public void Dispose()
    {
        _spill?.Dispose();
        _spill = null;
    }

    public byte[]? BytesAt(int slot) => DocumentChunk.BytesAt(_chunks, _used, slot, _spill);

    private void Set(int slot, byte[]? bytes)
    {
        var chunk = Writable(slot / ChunkSize);
        var index = slot % ChunkSize;
        if (chunk.Resident[index] is { } old) ResidentBytes -= old.Length;
        if (chunk.Spilled is { } spilled && spilled[index] != 0)
        {
            SpilledBytes -= SpillFile.LengthOf(spilled[index]);
            spilled[index] = 0;
            SpilledCount--;
        }
        chunk.Resident[index] = bytes;
        if (bytes is not null) ResidentBytes += bytes.Length;
    }

    private DocumentChunk Writable(int chunk)
    {
        if (_chunks[chunk].Version != _version) _chunks[chunk] = _chunks[chunk].Copy(_version);
        return _chunks[chunk];
    }

    private void AddChunk()
    {
        Array.Resize(ref _chunks, _chunks.Length + 1);
        _chunks[^1] = new DocumentChunk(_version);
    }

    /// <summary>
    /// Moves whole chunks' resident documents to the spill file, round-robin from where the last round stopped (oldest
    /// slots first, a clock over the store), until the resident bytes are a quarter under budget.
    /// </summary>
    private void SpillColdest()
    {
        _spill ??= new SpillFile(_budget.SpillDirectory);
        var target = _budget.ResidentBytes - _budget.ResidentBytes / 4;
        for (var visited = 0; visited < _chunks.Length && ResidentBytes > target; visited++)
        {
            var chunkIndex = _spillCursor;
            _spillCursor = (_spillCursor + 1) % _chunks.Length;
            var indexes = Enumerable.Range(0, ChunkSize).Where(i => _chunks[chunkIndex].Resident[i] is not null).ToList();
            if (indexes.Count == 0) continue;
            var chunk = Writable(chunkIndex);
            var locations = _spill.Append([.. indexes.Select(i => chunk.Resident[i]!)]);
            var spilled = chunk.SpilledSlots();
            for (var k = 0; k < indexes.Count; k++)
            {
                ResidentBytes -= chunk.Resident[indexes[k]]!.Length;
                SpilledBytes += chunk.Resident[indexes[k]]!.Length;
                chunk.Resident[indexes[k]] = null;
                spilled[indexes[k]] = locations[k];
            }
            SpilledCount += indexes.Count;
        }
    }

    /// <summary>
    /// Copies the spilled documents to a fresh file once superseded bytes outweigh them (and pass 1 MiB), so the file
    /// stays within twice its live content. Snapshots keep reading the old file, closed and deleted once none holds it.
    /// </summary>
    private void ReclaimIfWasteful()
    {
        if (_spill is not { } old || old.Length - SpilledBytes <= Math.Max(SpilledBytes, 1 << 20)) return;
        var fresh = new SpillFile(_budget.SpillDirectory);
        for (var c = 0; c < _chunks.Length; c++)
        {
            if (_chunks[c].Spilled is not { } locations) continue;
            var indexes = Enumerable.Range(0, ChunkSize).Where(i => locations[i] != 0).ToList();
            if (indexes.Count == 0) continue;
            var moved = fresh.Append([.. indexes.Select(i => old.Read(locations[i]))]);
            var writable = Writable(c).SpilledSlots();
            for (var k = 0; k < indexes.Count; k++) writable[indexes[k]] = moved[k];
        }
        _spill = fresh;
    }
}
