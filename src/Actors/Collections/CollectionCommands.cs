using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Permissions;
using ActorCloud.Actors.Sharding;
using Akka.Actor;
using MongoDB.Bson;

namespace ActorCloud.Actors.Collections;

/// <summary>A message to one collection entity; its id is <c>{env}/{collection}</c>.</summary>
public interface ICollectionMessage : IEntityMessage;

/// <summary>Commands that change a collection; they are decided, journaled and only then answered.</summary>
public interface ICollectionWrite : ICollectionMessage
{
    Caller Caller { get; }

    /// <summary>Creates the collection if it does not exist (the local-development option), instead of refusing.</summary>
    bool CreateIfMissing { get; }
}

/// <summary>Writes that change the documents matching a query.</summary>
public interface IFilteredWrite : ICollectionWrite
{
    BsonDocument Query { get; }
}

/// <summary>Queries answered from the committed state.</summary>
public interface ICollectionRead : ICollectionMessage;

/// <summary>The commands and queries a collection entity accepts. Documents travel as BSON values.</summary>
public static class CollectionCommands
{
    public sealed record CreateCollection(string EntityId, Caller Caller) : ICollectionWrite
    {
        public bool CreateIfMissing => false;
    }

    public sealed record DropCollection(string EntityId, Caller Caller) : ICollectionWrite
    {
        public bool CreateIfMissing => false;
    }

    /// <summary>Sets the permission end users get; the gateway has validated any rules.</summary>
    public sealed record SetPermission(string EntityId, Caller Caller, Permission Permission) : ICollectionWrite
    {
        public bool CreateIfMissing => false;
    }

    public sealed record InsertDocuments(string EntityId, Caller Caller, IReadOnlyList<BsonDocument> Documents, bool CreateIfMissing)
        : ICollectionWrite;

    /// <summary>Operator update of the first (or every, with <paramref name="Multi"/>) matching document.</summary>
    public sealed record UpdateDocuments(
        string EntityId, Caller Caller, BsonDocument Query, BsonDocument Update, bool Multi, bool Upsert, bool CreateIfMissing)
        : IFilteredWrite;

    /// <summary>
    /// Replaces the first matching document (<c>doc.set</c>), inserting it with the query's <c>_id</c> when upserting.
    /// For an end user, <paramref name="OwnerOpenid"/> is theirs: the replaced document keeps the <c>_openid</c> it had
    /// (a client never changes it) and an upserted one gets the caller's; <paramref name="MayCreate"/> false (their
    /// permission does not let them create) refuses the upsert instead of inserting.
    /// </summary>
    public sealed record ReplaceDocument(
        string EntityId, Caller Caller, BsonDocument Query, BsonDocument Replacement, bool Upsert, bool CreateIfMissing,
        string? OwnerOpenid = null, bool MayCreate = true)
        : IFilteredWrite;

    /// <summary>Operator update of the first matching document, answered with the document after the update.</summary>
    public sealed record UpdateAndReturn(string EntityId, Caller Caller, BsonDocument Query, BsonDocument Update, bool CreateIfMissing)
        : IFilteredWrite;

    public sealed record RemoveDocuments(string EntityId, Caller Caller, BsonDocument Query, bool Multi, bool CreateIfMissing)
        : IFilteredWrite;

    /// <summary>
    /// Brings the documents in <paramref name="Scope"/> (every id, when null) back to their state in
    /// <paramref name="Past"/>: the collection as it was, read from history. With <paramref name="CreateIfMissing"/> it
    /// also makes a missing collection (a fork), and then refuses an existing one.
    /// </summary>
    public sealed record RestoreDocuments(
        string EntityId, Caller Caller, IReadOnlyList<BsonDocument> Past, IReadOnlyList<BsonValue>? Scope, bool CreateIfMissing)
        : ICollectionWrite;

    /// <summary>Creates indexes (CloudBase's <c>UpdateTable.CreateIndexes</c>); all or none.</summary>
    public sealed record CreateIndexes(string EntityId, Caller Caller, IReadOnlyList<IndexDefinition> Indexes) : ICollectionWrite
    {
        public bool CreateIfMissing => false;
    }

    /// <summary>Drops indexes by name (<c>UpdateTable.DropIndexes</c>); all or none.</summary>
    public sealed record DropIndexes(string EntityId, Caller Caller, IReadOnlyList<string> Names) : ICollectionWrite
    {
        public bool CreateIfMissing => false;
    }

    /// <summary>
    /// A transaction's part in this collection, first phase of its commit: checked, journaled, and held — until it is
    /// resolved, writes and prepares that could touch its documents wait. <paramref name="Writes"/> and <paramref name="Checks"/> are the BSON
    /// of <see cref="Documents.Transactions.TransactionWrite"/>s and <see cref="Documents.Transactions.QueryCheck"/>s.
    /// </summary>
    public sealed record PrepareTransaction(
        string EntityId, Caller Caller, string TransactionId, IReadOnlyList<byte[]> Writes, IReadOnlyList<byte[]> Checks) : ICollectionWrite
    {
        public bool CreateIfMissing => false;
    }

    /// <summary>The transaction's decision, second phase: its held writes are applied (commit) or dropped. Idempotent.</summary>
    public sealed record ResolveTransaction(string EntityId, Caller Caller, string TransactionId, bool Commit) : ICollectionWrite
    {
        public bool CreateIfMissing => false;
    }

    /// <summary>
    /// Tells the entity it is in use. Queries answered from its published view never reach it, so without this a
    /// collection that is only read would be passivated however busy it is (and a large one then takes long to recover).
    /// </summary>
    public sealed record KeepAlive(string EntityId) : ICollectionMessage;

    /// <summary>
    /// Starts (or renews) a node's following of the collection's writes: from now on the entity sends each durable
    /// write's <see cref="CollectionChanges"/> to <paramref name="Listener"/> (a node's <see cref="FeedRelay"/>; the
    /// entity's own node gets them through its <see cref="CollectionFeed"/> instead). Answered like a read, once no write is
    /// in flight, with the documents matching <paramref name="Query"/> (none when it is null) and those with the
    /// <paramref name="Held"/> ids, as of the answer's sequence number.
    /// </summary>
    public sealed record FollowChanges(string EntityId, IActorRef Listener, BsonDocument? Query, IReadOnlyList<BsonValue> Held)
        : ICollectionRead;

    /// <summary>The listener has no more use for the collection's writes.</summary>
    public sealed record UnfollowChanges(string EntityId, IActorRef Listener) : ICollectionMessage;

    /// <summary>
    /// A <see cref="Documents.Storage.DocumentChecksum"/> of every document, as of the answer's sequence number; with
    /// <paramref name="Detail"/>, each document's id and hash too (to tell which differ from a replay).
    /// </summary>
    public sealed record ChecksumDocuments(string EntityId, bool Detail) : ICollectionRead;

    /// <summary>Saves a snapshot of the current state now (once no write or transaction is pending), answered when it is stored.</summary>
    public sealed record SaveSnapshotNow(string EntityId) : ICollectionMessage;

    /// <summary>The collection's indexes (<c>DescribeTable</c>).</summary>
    public sealed record DescribeIndexes(string EntityId) : ICollectionRead;

    public sealed record FindDocuments(string EntityId, BsonDocument Query, BsonDocument? Order, int Skip, int Limit)
        : ICollectionRead;

    public sealed record CountDocuments(string EntityId, BsonDocument Query) : ICollectionRead;

    /// <summary>How a <see cref="FindDocuments"/> with the same arguments would run (MongoDB's <c>explain</c>).</summary>
    public sealed record ExplainQuery(string EntityId, BsonDocument Query, BsonDocument? Order, int Skip, int Limit) : ICollectionRead;

    /// <summary>
    /// An aggregation pipeline over the collection. <paramref name="Foreign"/> holds the documents of the collections
    /// its <c>$lookup</c> stages name, fetched (and permission-filtered) by the caller, as one entity sees only its own.
    /// </summary>
    public sealed record AggregateDocuments(
        string EntityId, IReadOnlyList<BsonDocument> Stages, IReadOnlyDictionary<string, IReadOnlyList<BsonDocument>> Foreign)
        : ICollectionRead;

    /// <summary>The collection's permission for end users (and whether it exists).</summary>
    public sealed record GetPermission(string EntityId) : ICollectionRead;

    /// <summary>Whether the collection exists and how many documents it holds (admin listing).</summary>
    public sealed record DescribeCollection(string EntityId) : ICollectionRead;
}
