using MongoDB.Bson;

namespace ActorCloud.Documents.Updates;

/// <summary>
/// Applies a compiled <see cref="UpdateSpec"/> to a document without touching it: the result is a new document
/// that shares untouched sub-documents and arrays with the original. Runtime refusals (an operator meeting the
/// wrong type, a path through a scalar, a change to <c>_id</c>) raise <see cref="ErrorCodes.DatabaseRequestFailed"/>.
/// </summary>
public static class UpdateApplier
{
    public static UpdateResult Apply(BsonDocument original, UpdateSpec spec, bool isInsert = false) =>
        Apply(original, spec, isInsert, DateTime.UtcNow);

    /// <summary>
    /// As above with the clock reading <c>$currentDate</c> uses passed in, so a journaled update can be replayed
    /// to the same result.
    /// </summary>
    public static UpdateResult Apply(BsonDocument original, UpdateSpec spec, bool isInsert, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(spec);
        var context = new UpdateContext(original, isInsert, now);
        foreach (var operation in spec.Operations) operation.Apply(context);
        var result = context.Result;
        EnsureIdUnchanged(original, result);
        var changed = !ExactBsonEquality.AreIdentical(original, result);
        return new UpdateResult(changed ? result : original, changed);
    }

    /// <summary>The document an upsert inserts: the seed (the query's equality fields) updated with <c>$setOnInsert</c> active.</summary>
    public static BsonDocument ApplyToNew(BsonDocument seed, UpdateSpec spec) => Apply(seed, spec, isInsert: true).Document;

    public static BsonDocument ApplyToNew(BsonDocument seed, UpdateSpec spec, DateTime now) => Apply(seed, spec, isInsert: true, now).Document;

    /// <summary>
    /// MongoDB checks immutability on the result rather than on the operators, so setting <c>_id</c> to the value
    /// it already has is allowed, while any real change (set, unset, rename, inc …) is refused.
    /// </summary>
    private static void EnsureIdUnchanged(BsonDocument original, BsonDocument result)
    {
        if (!original.TryGetValue("_id", out var before)) return;
        if (result.TryGetValue("_id", out var after) && ExactBsonEquality.AreIdentical(before, after)) return;
        throw DocumentException.RequestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
    }
}
