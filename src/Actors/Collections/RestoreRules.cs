using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Indexes;
using ActorCloud.Documents.Storage;
using MongoDB.Bson;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionEvents;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Actors.Collections;

/// <summary>
/// Bringing documents back to a past state as new events (history is never rewritten): each document in scope that
/// differs from its past self is re-inserted, replaced or removed. The whole restore is one decision, so it is
/// journaled in one atomic write.
/// </summary>
internal static class RestoreRules
{
    /// <summary>Documents per insert event, so one journal row stays a sensible size.</summary>
    private const int InsertChunk = 1000;

    public static Decision Restore(DocumentStore store, IndexSet indexes, RestoreDocuments command, DateTime now, string collection)
    {
        // Indexes created since that past moment still hold: a restore that would break a unique one is refused.
        var check = indexes.BeginWrite(collection, store);
        var past = new Dictionary<BsonValue, BsonDocument>(BsonValueComparer.Instance);
        foreach (var document in command.Past) past[document["_id"]] = document;
        IEnumerable<BsonValue> scope = command.Scope ?? past.Keys.Concat(store.All().Select(d => d["_id"])).Distinct(BsonValueComparer.Instance);

        var inserts = new List<byte[]>();
        var events = new List<ICollectionEvent>();
        var removed = new List<BsonValue>();
        int replaced = 0;
        foreach (var id in scope)
        {
            var live = store.Find(id);
            past.TryGetValue(id, out var then);
            if (then is null || !then.Equals(live)) check.Change(live, then);
            if (then is null && live is not null) removed.Add(id);
            else if (then is not null && live is null) inserts.Add(BsonBytes.Of(then));
            else if (then is not null && !then.Equals(live))
            {
                events.Add(new DocumentReplaced(command.Caller, now, BsonBytes.Of(then), Created: false));
                replaced++;
            }
        }
        check.Verify();
        events.AddRange(inserts.Chunk(InsertChunk).Select(chunk => new DocumentsInserted(command.Caller, now, chunk)));
        if (removed.Count > 0) events.Add(new DocumentsRemoved(command.Caller, now, IdList.Write(removed)));
        return new Decision(events, new Restored(inserts.Count, replaced, removed.Count));
    }
}
