using MongoDB.Bson;

namespace ActorCloud.Documents.Storage;

/// <summary>
/// Documents a query can run over: the live store (inside its actor) or an immutable snapshot of it. Every call hands
/// out fresh documents read from the stored BSON, which the caller may keep or change.
/// </summary>
public interface IDocumentSource
{
    int Count { get; }

    BsonDocument? Find(BsonValue id);

    /// <summary>All documents in natural order.</summary>
    IEnumerable<BsonDocument> All();

    /// <summary>The stored BSON of the document in a slot (the position indexes refer to), or null for a hole: not to be changed.</summary>
    byte[]? BytesAt(int slot);

    /// <summary>Every document's stored BSON in natural order: not to be changed.</summary>
    IEnumerable<byte[]> AllBytes();
}
