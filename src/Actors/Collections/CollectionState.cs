using ActorCloud.Actors.Permissions;
using ActorCloud.Documents;
using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Indexes;
using ActorCloud.Documents.Storage;
using ActorCloud.Documents.Transactions;
using ActorCloud.Documents.Updates;
using MongoDB.Bson;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionEvents;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Actors.Collections;

/// <summary>
/// A collection's state and its rules, free of Akka: <see cref="Decide"/> turns a command into events (or a
/// refusal) without changing anything; <see cref="Apply"/> folds an event in, live and during replay alike.
/// A command either yields all its events or none, so a multi-document update that fails on one document
/// changes no document.
/// </summary>
public sealed class CollectionState(string collectionName, StorageBudget? budget = null) : IDisposable
{
    public bool Exists { get; private set; }

    public Permission Permission { get; private set; } = Permission.CollectionDefault;

    public DocumentStore Documents { get; } = new(budget);

    public IndexSet Indexes { get; } = new();

    private readonly Dictionary<string, PreparedTransaction> _held = [];

    /// <summary>
    /// The transactions prepared here and not yet resolved, by id. Their documents are held: writes and prepares that
    /// could touch them wait (see <see cref="IndependentWrites"/>).
    /// </summary>
    public IReadOnlyDictionary<string, PreparedTransaction> Held => _held;

    public Decision Decide(ICollectionWrite command, DateTime now)
    {
        try
        {
            return command switch
            {
                CreateCollection c => Exists
                    ? Decision.Refuse(ErrorCodes.DatabaseRequestFailed, "Collection already exists")
                    : new Decision([new CollectionCreated(c.Caller, now)], Done.Instance),
                SetPermission p => Exists
                    ? new Decision([new PermissionChanged(p.Caller, now, p.Permission)], Done.Instance)
                    : NotExist(),
                CreateIndexes c => Exists ? IndexRules.Create(Documents, Indexes, c, now, collectionName) : NotExist(),
                DropIndexes d => Exists ? IndexRules.Drop(Indexes, d, now) : NotExist(),
                PrepareTransaction p => Exists ? TransactionRules.Prepare(Documents, Indexes, p, now, collectionName) : NotExist(),
                ResolveTransaction r => TransactionRules.Resolve(_held.GetValueOrDefault(r.TransactionId), r, now),
                DropCollection d => Exists
                    ? new Decision([new CollectionDropped(d.Caller, now)], Done.Instance)
                    : NotExist(),
                RestoreDocuments { CreateIfMissing: true } when Exists =>
                    Decision.Refuse(ErrorCodes.DatabaseRequestFailed, "Collection already exists: a fork needs a new collection name"),
                _ when !Exists && !command.CreateIfMissing => NotExist(),
                _ => WithCreation(command, now, DecideWrite(command, now)),
            };
        }
        catch (DocumentException e)
        {
            return Decision.Refuse(e.Code, e.Message);
        }
    }

    public ICollectionReply Answer(ICollectionRead query) =>
        CollectionReads.Answer(collectionName, Exists, Permission, Documents, Indexes, query);

    /// <summary>The committed state to publish for readers on other threads (see <see cref="CollectionViews"/>).</summary>
    public CollectionView View(long sequenceNr) =>
        new(collectionName, Exists, Permission, Documents.Snapshot(), Indexes.Snapshot(), sequenceNr);

    /// <param name="changes">When given, receives each document's state before and after (for the live feed).</param>
    public void Apply(ICollectionEvent e, List<DocumentChange>? changes = null)
    {
        switch (e)
        {
            case CollectionCreated:
                Exists = true;
                break;
            case CollectionDropped:
                Exists = false;
                Permission = Permission.CollectionDefault;
                Documents.Clear();
                Indexes.Clear();
                changes?.Add(new DocumentChange(ChangeKind.Drop, null, null, null));
                break;
            case PermissionChanged changed:
                Permission = changed.Permission;
                break;
            case IndexCreated created:
                Indexes.Create(created.Index.ToSpec(), Documents.Slots());
                break;
            case IndexDropped dropped:
                Indexes.Drop(dropped.Name);
                break;
            case TransactionPrepared prepared:
                _held[prepared.TransactionId] = new PreparedTransaction(prepared.TransactionId, [.. prepared.Writes.Select(TransactionWrite.FromBytes)]);
                break;
            case TransactionResolved resolved:
                _held.Remove(resolved.TransactionId);
                break;
            case DocumentsInserted inserted:
                foreach (var bytes in inserted.Documents)
                {
                    // Index keys and the id are read in place; only the live feed needs the document whole.
                    var document = new BsonView(bytes);
                    Indexes.Apply(null, document, Documents.Put(document["_id"], bytes));
                    changes?.Add(new DocumentChange(ChangeKind.Insert, document["_id"], null, BsonBytes.Read(bytes)));
                }
                break;
            case DocumentsUpdated updated:
                var spec = UpdateSpec.Parse(BsonBytes.Read(updated.Update));
                foreach (var id in IdList.Read(updated.Ids))
                {
                    var current = Documents.Find(id) ?? throw new InvalidOperationException($"update of missing document {id}");
                    var next = UpdateApplier.Apply(current, spec, isInsert: false, updated.At).Document;
                    Indexes.Apply(current, next, Documents.Put(next));
                    changes?.Add(new DocumentChange(ChangeKind.Update, id, current, next));
                }
                break;
            case DocumentReplaced replaced:
                var replacement = BsonBytes.Read(replaced.Document);
                var before = Documents.Find(replacement["_id"]);
                Indexes.Apply(before, replacement, Documents.Put(replacement["_id"], replaced.Document));
                changes?.Add(new DocumentChange(before is null ? ChangeKind.Insert : ChangeKind.Replace, replacement["_id"], before, replacement));
                break;
            case DocumentsRemoved removed:
                foreach (var id in IdList.Read(removed.Ids))
                {
                    var slot = Documents.SlotOf(id);
                    if (Documents.BytesAt(slot) is not { } gone) continue;
                    // As for inserts: keys are read in place; only the live feed needs the document whole.
                    changes?.Add(new DocumentChange(ChangeKind.Remove, id, BsonBytes.Read(gone), null));
                    Indexes.Apply(new BsonView(gone), null, slot);
                    Documents.Remove(id);
                }
                if (Documents.NeedsCompaction)
                {
                    Documents.Compact();
                    Indexes.Rebuild(Documents.Slots());
                }
                break;
        }
    }

    /// <summary>Loads a snapshot's documents (taken in natural order) into an empty state, then builds its indexes in one pass each.</summary>
    public void Restore(CollectionSnapshot snapshot)
    {
        Exists = snapshot.Exists;
        Permission = snapshot.Permission ?? Permission.CollectionDefault;
        Documents.Clear();
        Indexes.Clear();
        foreach (var bytes in snapshot.Documents) Documents.Put(BsonBytes.IdOf(bytes), bytes);
        foreach (var index in snapshot.Indexes ?? []) Indexes.Create(index.ToSpec(), []);
        Indexes.Rebuild(Documents.Slots());
    }

    /// <summary>Deletes the spill file, if the documents outgrew memory.</summary>
    public void Dispose() => Documents.Dispose();

    private Decision DecideWrite(ICollectionWrite command, DateTime now) => command switch
    {
        InsertDocuments i => WriteRules.Insert(Documents, Indexes, i, now, collectionName),
        UpdateDocuments u => WriteRules.Update(Documents, Indexes, u, now, collectionName),
        ReplaceDocument r => WriteRules.Replace(Documents, Indexes, r, now, collectionName),
        UpdateAndReturn u => WriteRules.UpdateAndReturn(Documents, Indexes, u, now, collectionName),
        RemoveDocuments r => WriteRules.Remove(Documents, Indexes, r, now),
        RestoreDocuments r => RestoreRules.Restore(Documents, Indexes, r, now, collectionName),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name),
    };

    private Decision WithCreation(ICollectionWrite command, DateTime now, Decision decision)
    {
        if (Exists || decision.Reply is Failed) return decision;
        return decision with { Events = [new CollectionCreated(command.Caller, now), .. decision.Events] };
    }

    private Decision NotExist() => new([], CollectionReads.NotExist(collectionName));
}
