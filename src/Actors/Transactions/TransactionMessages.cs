using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Sharding;
using MongoDB.Bson;

namespace ActorCloud.Actors.Transactions;

/// <summary>A message to one transaction's entity; its id is <c>{env}/{transactionId}</c>.</summary>
public interface ITransactionMessage : IEntityMessage;

/// <summary>A fact in a transaction's journal: only its start and its decision are kept, never its workspace.</summary>
public interface ITransactionEvent
{
    DateTime At { get; }
}

/// <summary>Marker for every answer of a transaction entity.</summary>
public interface ITransactionReply;

public static class TransactionMessages
{
    public sealed record BeginTransaction(string EntityId, Caller Caller) : ITransactionMessage;

    /// <summary>
    /// The operations inside a transaction, each on the collection entity <c>Collection</c> and answered as that
    /// collection answers its own (<c>Found</c>, <c>Inserted</c>, <c>Updated</c>, <c>Removed</c>, <c>Failed</c>).
    /// </summary>
    public sealed record TxFind(string EntityId, string Collection, BsonDocument Query, BsonDocument? Order, int Skip, int Limit)
        : ITransactionMessage;

    public sealed record TxInsert(string EntityId, string Collection, IReadOnlyList<BsonDocument> Documents) : ITransactionMessage;

    public sealed record TxUpdate(string EntityId, string Collection, BsonDocument Query, BsonDocument Update, bool Multi, bool Upsert)
        : ITransactionMessage;

    public sealed record TxReplace(string EntityId, string Collection, BsonDocument Query, BsonDocument Replacement, bool Upsert)
        : ITransactionMessage;

    public sealed record TxRemove(string EntityId, string Collection, BsonDocument Query, bool Multi) : ITransactionMessage;

    public sealed record CommitTransaction(string EntityId) : ITransactionMessage;

    public sealed record AbortTransaction(string EntityId) : ITransactionMessage;

    /// <summary>A collection that recovered holding this transaction asks what was decided.</summary>
    public sealed record GetDecision(string EntityId) : ITransactionMessage;

    public sealed record TransactionStarted(Caller By, DateTime At) : ITransactionEvent;

    /// <summary>The one durable decision; <paramref name="Participants"/> are the collections to resolve.</summary>
    public sealed record TransactionDecided(DateTime At, bool Committed, IReadOnlyList<string> Participants) : ITransactionEvent;

    /// <summary>Every participant has resolved the decision.</summary>
    public sealed record TransactionFinished(DateTime At) : ITransactionEvent;

    public sealed record DecisionReply(bool Committed) : ITransactionReply;

    public sealed record TransactionFailed(string Code, string Message) : ITransactionReply;

    public sealed record TransactionDone : ITransactionReply
    {
        public static readonly TransactionDone Instance = new();
    }

    /// <summary>A transaction entity's id: the environment and a new random transaction id.</summary>
    public static string NewEntityId(string env) => $"{env}/{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())}";

    /// <summary>The <c>transactionId</c> clients see: the entity id without its environment.</summary>
    public static string ClientId(string entityId) => entityId[(entityId.IndexOf('/') + 1)..];
}
