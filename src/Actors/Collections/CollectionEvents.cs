using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Permissions;

namespace ActorCloud.Actors.Collections;

/// <summary>
/// A fact in a collection's journal. Documents, updates and ids are raw BSON so every type survives replay
/// exactly; server dates are already resolved, so replay never consults a clock.
/// </summary>
public interface ICollectionEvent
{
    Caller By { get; }

    DateTime At { get; }
}

public static class CollectionEvents
{
    public sealed record CollectionCreated(Caller By, DateTime At) : ICollectionEvent;

    public sealed record CollectionDropped(Caller By, DateTime At) : ICollectionEvent;

    /// <summary>New documents, each the BSON of the stored document (with its <c>_id</c>).</summary>
    public sealed record DocumentsInserted(Caller By, DateTime At, IReadOnlyList<byte[]> Documents) : ICollectionEvent;

    /// <summary>
    /// An operator update (BSON of the update document) applied to the documents with the listed ids (BSON of
    /// <c>{ids: [...]}</c>). Only documents it actually changed are listed.
    /// </summary>
    public sealed record DocumentsUpdated(Caller By, DateTime At, byte[] Update, byte[] Ids) : ICollectionEvent;

    /// <summary>A whole-document replacement (or an upserted insert, when <paramref name="Created"/>).</summary>
    public sealed record DocumentReplaced(Caller By, DateTime At, byte[] Document, bool Created) : ICollectionEvent;

    /// <summary>The collection's permission for end users changed (a classic mode or security rules).</summary>
    public sealed record PermissionChanged(Caller By, DateTime At, Permission Permission) : ICollectionEvent;

    /// <summary>An index was declared; it is built from the documents when applied (on replay too).</summary>
    public sealed record IndexCreated(Caller By, DateTime At, IndexDefinition Index) : ICollectionEvent;

    public sealed record IndexDropped(Caller By, DateTime At, string Name) : ICollectionEvent;

    /// <summary>A transaction's writes here passed their checks and are held until it is resolved (BSON of each write).</summary>
    public sealed record TransactionPrepared(Caller By, DateTime At, string TransactionId, IReadOnlyList<byte[]> Writes) : ICollectionEvent;

    /// <summary>The held transaction is over; when committed, its writes are the document events journaled with this one.</summary>
    public sealed record TransactionResolved(Caller By, DateTime At, string TransactionId, bool Committed) : ICollectionEvent;

    /// <summary>Removed documents' ids (BSON of <c>{ids: [...]}</c>).</summary>
    public sealed record DocumentsRemoved(Caller By, DateTime At, byte[] Ids) : ICollectionEvent;

    /// <summary>How many documents an event writes, at least one: what snapshots are paced by.</summary>
    public static int DocumentsWritten(ICollectionEvent e) => e switch
    {
        DocumentsInserted inserted => Math.Max(1, inserted.Documents.Count),
        DocumentsUpdated updated => Math.Max(1, IdList.Read(updated.Ids).Count),
        DocumentsRemoved removed => Math.Max(1, IdList.Read(removed.Ids).Count),
        TransactionPrepared prepared => Math.Max(1, prepared.Writes.Count),
        _ => 1,
    };
}
