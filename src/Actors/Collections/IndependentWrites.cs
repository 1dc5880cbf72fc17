using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Indexes;
using ActorCloud.Documents.Query;
using ActorCloud.Documents.Transactions;
using ActorCloud.Documents.Updates;
using MongoDB.Bson;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionEvents;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Actors.Collections;

/// <summary>
/// Which writes may go ahead while the collection holds prepared transactions, instead of waiting for their resolution.
/// Such a write is ordered before the held transactions, so it must neither read nor write what they write: its filter
/// matches none of their documents, before or after; it touches none of their ids; and no document it leaves takes a
/// unique key theirs will take. What a held transaction only read may change — it was validated at its prepare and stays
/// ordered first for those reads. Another transaction's prepare may join them on the same terms (its writes, the queries
/// and reads it checks, and its unique keys apart from theirs): it is then ordered after them, having read nothing they
/// write. Anything else (index, permission and restore commands) waits.
/// </summary>
internal static class IndependentWrites
{
    /// <summary>The write's decision when it is independent of every held transaction; null when it must wait.</summary>
    public static Decision? Decide(CollectionState state, ICollectionWrite command, DateTime now)
    {
        var held = state.Held.Values.SelectMany(t => t.Writes).ToList();
        var heldIds = new HashSet<BsonValue>(held.Select(w => w.Id), BsonValueComparer.Instance);
        List<BsonDocument>? heldStates = null;
        // Whether a query matches a held document before or after its transaction; the states are read once per write.
        bool ReadsHeld(BsonDocument query)
        {
            heldStates ??= [.. held.SelectMany(w => new[] { state.Documents.Find(w.Id), w.After }).OfType<BsonDocument>()];
            var filter = QueryFilter.Compile(query);
            return heldStates.Any(filter.Matches);
        }
        switch (command)
        {
            case PrepareTransaction prepare:
                var writes = prepare.Writes.Select(TransactionWrite.FromBytes).ToList();
                if (writes.Any(w => heldIds.Contains(w.Id))
                    || prepare.Checks.Select(QueryCheck.FromBytes).Any(c => ReadsHeld(c.Query)))
                    return null;
                var prepared = state.Decide(command, now);
                return SharesUniqueKey([.. writes.Where(w => w.After is not null).Select(w => w.After!)], held, state.Indexes) ? null : prepared;
            case IFilteredWrite filtered when ReadsHeld(filtered.Query):
                return null;
            case IFilteredWrite or InsertDocuments:
                break;
            default:
                return null;
        }
        var decision = state.Decide(command, now);
        if (decision.Reply is Failed) return decision;
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

    private static bool SharesUniqueKey(List<BsonDocument> written, List<TransactionWrite> held, IndexSet indexes)
    {
        foreach (var tree in indexes.Trees.Where(t => t.Spec.Unique))
        {
            var taken = new HashSet<BsonValue[]>(held.Where(w => w.After is not null)
                .SelectMany(w => IndexKeys.Of(tree.Spec, w.After!)), IndexSet.KeyEquality.Instance);
            if (written.Any(d => IndexKeys.Of(tree.Spec, d).Any(taken.Contains))) return true;
        }
        return false;
    }
}
