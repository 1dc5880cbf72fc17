using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Storage;

/// <summary>
/// A collection's documents frozen at one moment, safe to read from any thread while the store goes on
/// changing: the store copies a chunk before writing to it once a snapshot shares it, and spilled documents are read
/// from a file whose written bytes never change.
/// </summary>
public sealed class DocumentSnapshot : IDocumentSource
{
    private readonly DocumentChunk[] _chunks;
    private readonly int _used;
    private readonly SpillFile? _spill;

    internal DocumentSnapshot(DocumentChunk[] chunks, int used, int count, SpillFile? spill)
    {
        _chunks = chunks;
        _used = used;
        _spill = spill;
        Count = count;
    }

    public int Count { get; }

    /// <summary>A scan: snapshots serve filters; point lookups by id go to the store, which has the id table.</summary>
    public BsonDocument? Find(BsonValue id) =>
        All().FirstOrDefault(document => BsonValueComparer.Instance.Equals(document["_id"], id));

    public byte[]? BytesAt(int slot) => DocumentChunk.BytesAt(_chunks, _used, slot, _spill);

    public IEnumerable<BsonDocument> All() => DocumentChunk.Occupied(_chunks, _used, _spill).Select(d => BsonBytes.Read(d.Bytes));

    /// <summary>Each document's BSON in natural order, as stored (for snapshots of the journal).</summary>
    public IEnumerable<byte[]> AllBytes() => DocumentChunk.Occupied(_chunks, _used, _spill).Select(d => d.Bytes);
}
