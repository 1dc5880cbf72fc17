using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Storage;

/// <summary>
/// A collection's documents frozen at one moment, safe to read from any thread while the store goes on
/// changing: the store copies a chunk before writing to it once a snapshot shares it.
/// </summary>
public sealed class DocumentSnapshot(BsonDocument?[][] chunks, int used, int count) : IDocumentSource
{
    public int Count { get; } = count;

    /// <summary>A scan: snapshots serve filters; point lookups by id go to the store, which has the index.</summary>
    public BsonDocument? Find(BsonValue id) =>
        All().FirstOrDefault(document => BsonValueComparer.Instance.Equals(document["_id"], id));

    public IEnumerable<BsonDocument> All() => Occupied(chunks, used);

    /// <summary>The documents in the first <paramref name="used"/> slots of chunked storage, holes skipped.</summary>
    internal static IEnumerable<BsonDocument> Occupied(BsonDocument?[][] chunks, int used)
    {
        for (var slot = 0; slot < used; slot++)
        {
            var document = chunks[slot / DocumentStore.ChunkSize][slot % DocumentStore.ChunkSize];
            if (document is not null) yield return document;
        }
    }
}
