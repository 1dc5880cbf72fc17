using ActorCloud.Actors.Permissions;
using Akka.Actor;
using MongoDB.Bson;

namespace ActorCloud.Actors.Collections;

/// <summary>Marker for every answer a collection entity gives, so one serializer binding covers them.</summary>
public interface ICollectionReply;

public static class CollectionReplies
{
    public sealed record Done : ICollectionReply
    {
        public static readonly Done Instance = new();
    }

    public sealed record Inserted(IReadOnlyList<BsonValue> Ids) : ICollectionReply;

    public sealed record Found(IReadOnlyList<BsonDocument> Documents) : ICollectionReply;

    public sealed record Counted(long Total) : ICollectionReply;

    public sealed record Explained(string Plan, string? Index, long DocsExamined, long Returned) : ICollectionReply;

    public sealed record Updated(long Count, BsonValue? UpsertedId) : ICollectionReply;

    public sealed record UpdatedAndReturned(long Count, BsonDocument? Document) : ICollectionReply;

    public sealed record Removed(long Count) : ICollectionReply;

    public sealed record Restored(long Inserted, long Replaced, long Removed) : ICollectionReply;

    public sealed record Described(bool Exists, long Documents, long Events) : ICollectionReply;

    /// <summary>One index as <c>DescribeTable</c> reports it: its entries and whether a document put several keys in it.</summary>
    public sealed record IndexInfo(IndexDefinition Index, long Entries, bool Multikey);

    public sealed record IndexesReply(bool Exists, IReadOnlyList<IndexInfo> Indexes) : ICollectionReply;

    /// <summary>
    /// The answer to <see cref="CollectionCommands.FollowChanges"/>: the documents asked for, as of
    /// <paramref name="SequenceNr"/>, and the entity that will send the writes after it (watched to learn when it stops).
    /// </summary>
    public sealed record Following(bool Exists, long SequenceNr, IReadOnlyList<BsonDocument> Documents, IActorRef Entity) : ICollectionReply;

    /// <summary>The answer to <see cref="CollectionCommands.ChecksumDocuments"/>.</summary>
    public sealed record Checksummed(bool Exists, long SequenceNr, string Checksum, IReadOnlyList<DocumentDigest>? Detail) : ICollectionReply;

    /// <summary>One document's id and the hash of its BSON.</summary>
    public sealed record DocumentDigest(BsonValue Id, string Hash);

    /// <summary>A snapshot after event <paramref name="SequenceNr"/> is stored.</summary>
    public sealed record SnapshotSaved(long SequenceNr) : ICollectionReply;

    public sealed record PermissionReply(bool Exists, Permission Permission) : ICollectionReply;

    /// <summary>A refusal with CloudBase's code; nothing was changed.</summary>
    public sealed record Failed(string Code, string Message) : ICollectionReply;
}
