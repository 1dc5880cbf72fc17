using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Collections;
using ActorCloud.Documents;
using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Query;
using ActorCloud.Documents.Sorting;
using ActorCloud.Documents.Transactions;
using MongoDB.Bson;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionEvents;
using static ActorCloud.Actors.Collections.CollectionReplies;
using static ActorCloud.Actors.Transactions.TransactionMessages;

namespace ActorCloud.Actors.Transactions;

/// <summary>
/// Runs a transaction's operations against what the transaction sees — the committed documents, read once and then
/// repeated, overlaid with its own writes — and records their effect in the workspace instead of any journal. Writes
/// go through the same <see cref="CollectionState.Decide"/> as outside a transaction, on a scratch state holding the
/// documents concerned, so every operator, upsert and validation behaves the same.
/// </summary>
internal sealed class TransactionOperations(
    TransactionWorkspace workspace, Func<string, BsonDocument, Task<IReadOnlyList<BsonDocument>>> committed, Caller caller)
{
    public async Task<ICollectionReply> RunAsync(ITransactionMessage operation, DateTime now)
    {
        try
        {
            return operation switch
            {
                TxFind f => await FindAsync(f),
                TxInsert i => await WriteAsync(i.Collection, null, new InsertDocuments(i.Collection, caller, i.Documents, false), now),
                TxUpdate u => await WriteAsync(u.Collection, u.Query,
                    new UpdateDocuments(u.Collection, caller, u.Query, u.Update, u.Multi, u.Upsert, false), now),
                TxReplace r => await WriteAsync(r.Collection, r.Query, new ReplaceDocument(r.Collection, caller, r.Query, r.Replacement, r.Upsert, false), now),
                TxRemove r => await WriteAsync(r.Collection, r.Query, new RemoveDocuments(r.Collection, caller, r.Query, r.Multi, false), now),
                _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.GetType().Name),
            };
        }
        catch (DocumentException e)
        {
            return new Failed(e.Code, e.Message);
        }
    }

    private async Task<ICollectionReply> FindAsync(TxFind find)
    {
        var visible = await VisibleAsync(find.Collection, find.Query);
        var sort = SortSpec.Parse(find.Order);
        IEnumerable<BsonDocument> ordered = sort.IsEmpty ? visible : SortSpec.SortStable(visible, sort);
        return new Found([.. ordered.Skip(find.Skip).Take(find.Limit)]);
    }

    private async Task<ICollectionReply> WriteAsync(string collection, BsonDocument? query, ICollectionWrite write, DateTime now)
    {
        var scratch = new CollectionState(collection);
        scratch.Apply(new CollectionCreated(caller, now));
        var visible = query is null ? [] : await VisibleAsync(collection, query);
        if (visible.Count > 0) scratch.Apply(new DocumentsInserted(caller, now, [.. visible.Select(BsonBytes.Of)]));
        var decision = scratch.Decide(write, now);
        if (decision.Reply is Failed) return decision.Reply;
        var changes = new List<DocumentChange>();
        foreach (var e in decision.Events) scratch.Apply(e, changes);
        foreach (var change in changes)
        {
            var id = change.Id!;
            if (change.Before is null && await SeenAsync(collection, id) is not null)
                throw DocumentException.RequestFailed($"E11000 duplicate key error collection: {collection} index: _id_ dup key: {{ _id: {id.ToJson()} }}");
            workspace.Write(collection, id, change.After);
        }
        return decision.Reply;
    }

    /// <summary>The document with this id as the transaction sees it, read from the collection the first time.</summary>
    private async Task<BsonDocument?> SeenAsync(string collection, BsonValue id)
    {
        if (workspace.TryGet(collection, id, out var document)) return document;
        return workspace.Read(collection, id, (await committed(collection, new BsonDocument("_id", id))).FirstOrDefault());
    }

    /// <summary>The documents matching a query as the transaction sees them; the query is recorded, so phantoms conflict.</summary>
    private async Task<List<BsonDocument>> VisibleAsync(string collection, BsonDocument query)
    {
        var filter = QueryFilter.Compile(query);
        if (filter.IdEquality is { } id) return await SeenAsync(collection, id) is { } one && filter.Matches(one) ? [one] : [];
        var found = await committed(collection, query);
        workspace.RecordQuery(collection, query, found);
        var visible = new Dictionary<BsonValue, BsonDocument?>(BsonValueComparer.Instance);
        foreach (var document in found) visible[document["_id"]] = workspace.Read(collection, document["_id"], document);
        foreach (var (writtenId, written) in workspace.Written(collection)) visible[writtenId] = written;
        return [.. visible.Values.OfType<BsonDocument>().Where(filter.Matches)];
    }
}
