using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Updates.Operations;

/// <summary>What <c>$pull</c> and <c>$pullAll</c> share: filter an existing array, missing means nothing to do.</summary>
internal static class ArrayRemoval
{
    public static void RemoveWhere(UpdateContext context, FieldPath path, Func<BsonValue, bool> remove)
    {
        var current = context.Read(path);
        if (current is null) return;
        if (current is not BsonArray array) throw DocumentException.RequestFailed("Cannot apply $pull to a non-array value");
        var kept = array.Where(v => !remove(v)).ToList();
        if (kept.Count == array.Count) return;
        context.Write(path, new BsonArray(kept));
    }
}
