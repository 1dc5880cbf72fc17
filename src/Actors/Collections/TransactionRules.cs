using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Indexes;
using ActorCloud.Documents.Storage;
using ActorCloud.Documents.Transactions;
using MongoDB.Bson;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionEvents;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Actors.Collections;

/// <summary>
/// This collection's side of a transaction's two-phase commit. Preparing checks the transaction's part against the
/// committed state and journals it; resolving journals either its writes, as ordinary document events, or nothing,
/// together with the resolution — so replay rebuilds exactly what was committed. A resolution for a transaction not
/// held here is already done (or was never prepared): it changes nothing and is answered, which makes retries safe.
/// </summary>
internal static class TransactionRules
{
    public static Decision Prepare(DocumentStore store, IndexSet indexes, PrepareTransaction command, DateTime now, string collection)
    {
        var writes = command.Writes.Select(TransactionWrite.FromBytes).ToList();
        var checks = command.Checks.Select(QueryCheck.FromBytes).ToList();
        TransactionChecks.Validate(store, indexes, writes, checks, collection);
        return new Decision([new TransactionPrepared(command.Caller, now, command.TransactionId, command.Writes)], Done.Instance);
    }

    public static Decision Resolve(PreparedTransaction? held, ResolveTransaction command, DateTime now)
    {
        if (held is null || held.TransactionId != command.TransactionId) return new Decision([], Done.Instance);
        var resolved = new TransactionResolved(command.Caller, now, command.TransactionId, command.Commit);
        if (!command.Commit) return new Decision([resolved], Done.Instance);
        var events = new List<ICollectionEvent>();
        var removed = new List<BsonValue>();
        foreach (var write in held.Writes)
        {
            if (write.After is { } after) events.Add(new DocumentReplaced(command.Caller, now, BsonBytes.Of(after), Created: write.Expected is null));
            else removed.Add(write.Id);
        }
        if (removed.Count > 0) events.Add(new DocumentsRemoved(command.Caller, now, IdList.Write(removed)));
        events.Add(resolved);
        return new Decision(events, Done.Instance);
    }
}

/// <summary>The transaction a collection holds between its prepare and its resolution.</summary>
public sealed record PreparedTransaction(string TransactionId, IReadOnlyList<TransactionWrite> Writes);
