using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Updates;

/// <summary>
/// The document an upsert starts from when nothing matched: the query's equality conditions written as fields,
/// dotted paths becoming sub-documents (<c>{'a.b': 1}</c> gives <c>{a: {b: 1}}</c>), as MongoDB does.
/// </summary>
public static class UpsertSeed
{
    /// <summary>Builds the seed; feed it <c>QueryFilter.EqualityFields</c>, then <see cref="UpdateApplier.ApplyToNew(BsonDocument, UpdateSpec)"/>.</summary>
    public static BsonDocument FromEqualities(IEnumerable<KeyValuePair<string, BsonValue>> equalities)
    {
        ArgumentNullException.ThrowIfNull(equalities);
        var context = new UpdateContext(new BsonDocument(), isInsert: true, DateTime.UnixEpoch);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var paths = new List<(FieldPath Path, BsonValue Value)>();
        foreach (var (text, value) in equalities)
        {
            var path = FieldPath.Parse(text);
            if (!seen.Add(path.Text) || paths.Any(p => Overlaps(p.Path, path)))
                throw DocumentException.InvalidParam($"cannot infer query fields to set, path '{path.Text}' is matched twice");
            paths.Add((path, value));
        }
        foreach (var (path, value) in paths) context.Write(path, UpdateOperands.Copy(value));
        return context.Result;
    }

    private static bool Overlaps(FieldPath a, FieldPath b)
    {
        var n = Math.Min(a.Segments.Count, b.Segments.Count);
        for (var i = 0; i < n; i++)
        {
            if (a.Segments[i] != b.Segments[i]) return false;
        }
        return true;
    }
}
