using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Indexes;
using ActorCloud.Documents.Query;
using ActorCloud.Documents.Storage;
using MongoDB.Bson;

namespace ActorCloud.Documents.Transactions;

/// <summary>
/// A collection's part of a commit, checked against its committed state: every document is still the version the
/// transaction saw, every query still matches the same documents in the same versions, and the new states pass the
/// document rules and the unique indexes. Any change since is <c>DATABASE_TRANSACTION_CONFLICT</c>, which
/// <c>runTransaction</c> retries; a unique violation is the duplicate-key error, which it does not.
/// </summary>
public static class TransactionChecks
{
    public static void Validate(
        DocumentStore store, IndexSet indexes, IReadOnlyList<TransactionWrite> writes, IReadOnlyList<QueryCheck> checks, string collection)
    {
        foreach (var write in writes)
        {
            if (DocumentVersion.Of(store.Find(write.Id)) != write.Expected)
                throw Conflict($"document {write.Id.ToJson()} of {collection} changed since the transaction read it");
            if (write.After is { } after)
            {
                if (!BsonValueComparer.Instance.Equals(after.GetValue("_id", BsonNull.Value), write.Id))
                    throw DocumentException.InvalidParam("a transaction's new document must keep its _id");
                DocumentRules.ValidateForStorage(after);
            }
        }
        foreach (var check in checks)
        {
            var now = QueryExecutor.Matching(store, QueryFilter.Compile(check.Query), firstOnly: false, indexes).ToList();
            if (now.Count != check.Matched.Count
                || now.Any(d => !check.Matched.TryGetValue(d["_id"], out var seen) || seen != DocumentVersion.Of(d)))
                throw Conflict($"the documents of {collection} matching a query of the transaction changed since it ran");
        }
        var unique = indexes.BeginWrite(collection, store);
        foreach (var write in writes) unique.Change(store.Find(write.Id), write.After);
        unique.Verify();
    }

    public static DocumentException Conflict(string message) => new(ErrorCodes.DatabaseTransactionConflict, message);
}
