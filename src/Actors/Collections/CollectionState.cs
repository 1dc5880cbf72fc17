using ActorCloud.Actors.Permissions;
using ActorCloud.Documents;
using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Storage;
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
public sealed class CollectionState(string collectionName)
{
    public bool Exists { get; private set; }

    public Permission Permission { get; private set; } = Permission.CollectionDefault;

    public DocumentStore Documents { get; } = new();

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
                DropCollection d => Exists
                    ? new Decision([new CollectionDropped(d.Caller, now)], Done.Instance)
                    : NotExist(),
                _ when !Exists && !command.CreateIfMissing => NotExist(),
                _ => WithCreation(command, now, DecideWrite(command, now)),
            };
        }
        catch (DocumentException e)
        {
            return Decision.Refuse(e.Code, e.Message);
        }
    }

    public ICollectionReply Answer(ICollectionRead query) => CollectionReads.Answer(collectionName, Exists, Permission, Documents, query);

    /// <summary>The committed state to publish for readers on other threads (see <see cref="CollectionViews"/>).</summary>
    public CollectionView View() => new(collectionName, Exists, Permission, Documents.Snapshot());

    public void Apply(ICollectionEvent e)
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
                break;
            case PermissionChanged changed:
                Permission = changed.Permission;
                break;
            case DocumentsInserted inserted:
                foreach (var bytes in inserted.Documents) Documents.Put(BsonBytes.Read(bytes));
                break;
            case DocumentsUpdated updated:
                var spec = UpdateSpec.Parse(BsonBytes.Read(updated.Update));
                foreach (var id in IdList.Read(updated.Ids))
                {
                    var current = Documents.Find(id) ?? throw new InvalidOperationException($"update of missing document {id}");
                    Documents.Put(UpdateApplier.Apply(current, spec, isInsert: false, updated.At).Document);
                }
                break;
            case DocumentReplaced replaced:
                Documents.Put(BsonBytes.Read(replaced.Document));
                break;
            case DocumentsRemoved removed:
                foreach (var id in IdList.Read(removed.Ids)) Documents.Remove(id);
                break;
        }
    }

    /// <summary>Loads a snapshot's documents (taken in natural order) into an empty state.</summary>
    public void Restore(bool exists, Permission? permission, IEnumerable<BsonDocument> documents)
    {
        Exists = exists;
        Permission = permission ?? Permission.CollectionDefault;
        Documents.Clear();
        foreach (var d in documents) Documents.Put(d);
    }

    private Decision DecideWrite(ICollectionWrite command, DateTime now) => command switch
    {
        InsertDocuments i => WriteRules.Insert(Documents, i, now, collectionName),
        UpdateDocuments u => WriteRules.Update(Documents, u, now, collectionName),
        ReplaceDocument r => WriteRules.Replace(Documents, r, now, collectionName),
        UpdateAndReturn u => WriteRules.UpdateAndReturn(Documents, u, now),
        RemoveDocuments r => WriteRules.Remove(Documents, r, now),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name),
    };

    private Decision WithCreation(ICollectionWrite command, DateTime now, Decision decision)
    {
        if (Exists || decision.Reply is Failed) return decision;
        return decision with { Events = [new CollectionCreated(command.Caller, now), .. decision.Events] };
    }

    private Decision NotExist() => new([], CollectionReads.NotExist(collectionName));
}
