using ActorCloud.Documents;
using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Indexes;
using ActorCloud.Documents.Query;
using ActorCloud.Documents.Storage;
using ActorCloud.Documents.Updates;
using MongoDB.Bson;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionEvents;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Actors.Collections;

/// <summary>
/// How each write command becomes events, following CloudBase's (MongoDB's) semantics. Everything is
/// computed and validated before any event is returned, which is what makes a command all-or-nothing.
/// </summary>
internal static class WriteRules
{
    public static Decision Insert(DocumentStore store, IndexSet indexes, InsertDocuments command, DateTime now, string collection)
    {
        var check = indexes.BeginWrite(collection, store);
        if (command.Documents.Count == 0) throw DocumentException.InvalidParam("data must hold at least one document");
        var seen = new HashSet<BsonValue>(BsonValueComparer.Instance);
        var stored = new List<byte[]>(command.Documents.Count);
        var ids = new List<BsonValue>(command.Documents.Count);
        foreach (var given in command.Documents)
        {
            var document = WithId(ServerDate.Resolve(given, now));
            var id = document["_id"];
            if (store.Contains(id) || !seen.Add(id)) throw DuplicateKey(collection, id);
            stored.Add(DocumentRules.ValidateForStorage(document));
            check.Change(null, document);
            ids.Add(id);
        }
        check.Verify();
        return new Decision([new DocumentsInserted(command.Caller, now, stored)], new Inserted(ids));
    }

    public static Decision Update(DocumentStore store, IndexSet indexes, UpdateDocuments command, DateTime now, string collection)
    {
        var check = indexes.BeginWrite(collection, store);
        var filter = QueryFilter.Compile(command.Query);
        var update = new PreparedUpdate(ServerDate.Resolve(command.Update, now), command.Query);
        var changed = new List<(BsonDocument Update, List<BsonValue> Ids)>();
        var matched = 0;
        foreach (var current in QueryExecutor.Matching(store, filter, firstOnly: !command.Multi, indexes))
        {
            matched++;
            var (concrete, result) = update.ApplyTo(current, now);
            if (!result.Changed) continue;
            DocumentRules.ValidateForStorage(result.Document);
            check.Change(current, result.Document);
            if (changed.Count == 0 || !ReferenceEquals(changed[^1].Update, concrete)) changed.Add((concrete, []));
            changed[^1].Ids.Add(current["_id"]);
        }
        if (matched == 0 && command.Upsert)
        {
            var created = WithId(UpdateApplier.ApplyToNew(UpsertSeed.FromEqualities(filter.EqualityFields), update.ForUpsert, now));
            if (store.Contains(created["_id"])) throw DuplicateKey(collection, created["_id"]);
            var bytes = DocumentRules.ValidateForStorage(created);
            check.Change(null, created);
            check.Verify();
            return new Decision([new DocumentsInserted(command.Caller, now, [bytes])], new Updated(0, created["_id"]));
        }
        check.Verify();
        var events = changed.Select(group => (ICollectionEvent)Updated(command.Caller, now, group.Update, group.Ids)).ToList();
        return new Decision(events, new Updated(changed.Sum(group => group.Ids.Count), null));
    }

    public static Decision Replace(DocumentStore store, IndexSet indexes, ReplaceDocument command, DateTime now, string collection)
    {
        var check = indexes.BeginWrite(collection, store);
        if (UpdateSpec.IsOperatorDocument(command.Replacement))
            throw DocumentException.InvalidParam("update operator complicit: a replacement document must not contain update operators");
        var filter = QueryFilter.Compile(command.Query);
        var replacement = ServerDate.Resolve(command.Replacement, now);
        var current = QueryExecutor.Matching(store, filter, firstOnly: true, indexes).FirstOrDefault();
        if (current is null)
        {
            if (!command.Upsert) return new Decision([], new Updated(0, null));
            if (!command.MayCreate)
                throw new DocumentException(ErrorCodes.DatabasePermissionDenied, "Permission denied: this user may not create documents here");
            var id = replacement.GetValue("_id", null) ?? filter.IdEquality;
            var owned = command.OwnerOpenid is null ? replacement : WithOwner(replacement, command.OwnerOpenid);
            var created = id is null ? WithId(owned) : WithId(owned, id);
            if (store.Contains(created["_id"]))
                throw command.OwnerOpenid is null
                    ? DuplicateKey(collection, created["_id"])
                    : new DocumentException(ErrorCodes.DatabasePermissionDenied, "the document belongs to another user");
            var bytes = DocumentRules.ValidateForStorage(created);
            check.Change(null, created);
            check.Verify();
            return new Decision([new DocumentReplaced(command.Caller, now, bytes, Created: true)], new Updated(0, created["_id"]));
        }
        var currentId = current["_id"];
        if (replacement.TryGetValue("_id", out var givenId) && !BsonValueComparer.Instance.Equals(givenId, currentId))
            throw DocumentException.RequestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
        var next = WithId(command.OwnerOpenid is null ? replacement : WithOwner(replacement, current.GetValue(OpenidField, null)), currentId);
        var nextBytes = DocumentRules.ValidateForStorage(next);
        if (next.Equals(current)) return new Decision([], new Updated(0, null));
        check.Change(current, next);
        check.Verify();
        return new Decision([new DocumentReplaced(command.Caller, now, nextBytes, Created: false)], new Updated(1, null));
    }

    public static Decision UpdateAndReturn(DocumentStore store, IndexSet indexes, CollectionCommands.UpdateAndReturn command, DateTime now, string collection)
    {
        var filter = QueryFilter.Compile(command.Query);
        var update = new PreparedUpdate(ServerDate.Resolve(command.Update, now), command.Query);
        var current = QueryExecutor.Matching(store, filter, firstOnly: true, indexes).FirstOrDefault();
        if (current is null) return new Decision([], new UpdatedAndReturned(0, null));
        var (concrete, result) = update.ApplyTo(current, now);
        if (!result.Changed) return new Decision([], new UpdatedAndReturned(0, current));
        DocumentRules.ValidateForStorage(result.Document);
        var check = indexes.BeginWrite(collection, store);
        check.Change(current, result.Document);
        check.Verify();
        return new Decision([Updated(command.Caller, now, concrete, [current["_id"]])], new UpdatedAndReturned(1, result.Document));
    }

    public static Decision Remove(DocumentStore store, IndexSet indexes, RemoveDocuments command, DateTime now)
    {
        var filter = QueryFilter.Compile(command.Query);
        var ids = QueryExecutor.Matching(store, filter, firstOnly: !command.Multi, indexes).Select(d => d["_id"]).ToList();
        return ids.Count == 0
            ? new Decision([], new Removed(0))
            : new Decision([new DocumentsRemoved(command.Caller, now, IdList.Write(ids))], new Removed(ids.Count));
    }

    /// <summary>The event keeps the update as resolved at decision time and <paramref name="now"/> as its time, which
    /// replay hands back to the applier, so time-dependent operators replay to the same values.</summary>
    private static DocumentsUpdated Updated(Callers.Caller by, DateTime now, BsonDocument update, IEnumerable<BsonValue> ids) =>
        new(by, now, BsonBytes.Of(update), IdList.Write(ids));

    private const string OpenidField = "_openid";

    /// <summary>The replacement with the owner's <c>_openid</c> (none when <paramref name="openid"/> is null).</summary>
    private static BsonDocument WithOwner(BsonDocument replacement, BsonValue? openid)
    {
        var owned = replacement.DeepClone().AsBsonDocument;
        if (openid is null) owned.Remove(OpenidField);
        else owned[OpenidField] = openid;
        return owned;
    }

    /// <summary>MongoDB keeps <c>_id</c> as the first field; a missing one gets a generated 32-hex id.</summary>
    private static BsonDocument WithId(BsonDocument document, BsonValue? id = null)
    {
        id ??= document.GetValue("_id", null) ?? new BsonString(DocumentIds.New());
        DocumentRules.ValidateId(id);
        if (document.ElementCount > 0 && document.GetElement(0).Name == "_id" && ReferenceEquals(document[0], id)) return document;
        var result = new BsonDocument("_id", id);
        foreach (var element in document)
        {
            if (element.Name != "_id") result.Add(element);
        }
        return result;
    }

    private static DocumentException DuplicateKey(string collection, BsonValue id) =>
        DocumentException.RequestFailed(
            $"E11000 duplicate key error collection: {collection} index: _id_ dup key: {{ _id: {id.ToJson()} }}");
}
