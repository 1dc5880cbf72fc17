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
/// Which writes may go ahead while the collection holds a prepared transaction, instead of waiting for its resolution.
/// Such a write is ordered before the transaction, so it must neither read nor write what the transaction writes:
/// its filter matches none of the held documents, before or after the transaction; it touches none of their ids; and
/// no document it leaves takes a unique key the transaction's documents will take. What the transaction only read may
/// change — the transaction was validated against it at prepare and stays ordered first for those reads. Anything
/// else (another prepare, index or permission changes, restores) waits.
/// </summary>
internal static class IndependentWrites
{
    /// <summary>The write's decision when it is independent of the held transaction; null when it must wait.</summary>
    public static Decision? Decide(CollectionState state, PreparedTransaction held, ICollectionWrite command, DateTime now)
    {
        if (command is not (InsertDocuments or IFilteredWrite)) return null;
        if (command is IFilteredWrite filtered && ReadsHeld(QueryFilter.Compile(filtered.Query), held, state.Documents)) return null;
        var decision = state.Decide(command, now);
        if (decision.Reply is Failed) return decision;
        var heldIds = new HashSet<BsonValue>(held.Writes.Select(w => w.Id), BsonValueComparer.Instance);
        var after = new List<BsonDocument>();
        foreach (var e in decision.Events)
        {
            switch (e)
            {
                case DocumentsInserted inserted:
                    after.AddRange(inserted.Documents.Select(BsonBytes.Read));
                    break;
                case DocumentReplaced replaced:
                    after.Add(BsonBytes.Read(replaced.Document));
                    break;
                case DocumentsUpdated updated:
                    var spec = UpdateSpec.Parse(BsonBytes.Read(updated.Update));
                    foreach (var id in IdList.Read(updated.Ids))
                    {
                        if (heldIds.Contains(id) || state.Documents.Find(id) is not { } current) return null;
                        after.Add(UpdateApplier.Apply(current, spec, isInsert: false, updated.At).Document);
                    }
                    break;
                case DocumentsRemoved removed:
                    if (IdList.Read(removed.Ids).Any(heldIds.Contains)) return null;
                    break;
                default:
                    return null;
            }
        }
        if (after.Any(d => heldIds.Contains(d["_id"])) || SharesUniqueKey(after, held, state.Indexes)) return null;
        return decision;
    }

    private static bool ReadsHeld(QueryFilter filter, PreparedTransaction held, DocumentStore store) =>
        held.Writes.Any(w => (store.Find(w.Id) is { } before && filter.Matches(before)) || (w.After is { } after && filter.Matches(after)));

    private static bool SharesUniqueKey(List<BsonDocument> written, PreparedTransaction held, IndexSet indexes)
    {
        foreach (var tree in indexes.Trees.Where(t => t.Spec.Unique))
        {
            var taken = new HashSet<BsonValue[]>(held.Writes.Where(w => w.After is not null)
                .SelectMany(w => IndexKeys.Of(tree.Spec, w.After!)), IndexSet.KeyEquality.Instance);
            if (written.Any(d => IndexKeys.Of(tree.Spec, d).Any(taken.Contains))) return true;
        }
        return false;
    }
}
