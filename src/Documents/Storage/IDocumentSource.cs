using MongoDB.Bson;

namespace ActorCloud.Documents.Storage;

/// <summary>Documents a query can run over: the live store (inside its actor) or an immutable snapshot of it.</summary>
public interface IDocumentSource
{
    int Count { get; }

    BsonDocument? Find(BsonValue id);

    /// <summary>All documents in natural order.</summary>
    IEnumerable<BsonDocument> All();
}
