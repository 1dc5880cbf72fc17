using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

/// <summary>
/// MongoDB's implicit array traversal along a dot path: offers every value the path reaches to a leaf operator and
/// stops at the first one it accepts.
/// </summary>
internal static class PathTraversal
{
    public static bool Any(BsonDocument doc, string[] segments, ValueMatcher matcher) => InDocument(doc, segments, 0, matcher);

    private static bool InDocument(BsonDocument doc, string[] segments, int segment, ValueMatcher matcher)
    {
        if (!doc.TryGetValue(segments[segment], out var value)) return matcher.MatchesMissing;
        return Continue(value, segments, segment + 1, matcher);
    }

    private static bool Continue(BsonValue value, string[] segments, int next, ValueMatcher matcher)
    {
        if (next == segments.Length) return AtLeaf(value, matcher);
        return value.BsonType switch
        {
            BsonType.Document => InDocument(value.AsBsonDocument, segments, next, matcher),
            BsonType.Array => InArray(value.AsBsonArray, segments, next, matcher),
            // A scalar with path left over means the path leads nowhere.
            _ => matcher.MatchesMissing,
        };
    }

    private static bool AtLeaf(BsonValue value, ValueMatcher matcher)
    {
        if (matcher.Matches(value)) return true;
        if (value.BsonType != BsonType.Array || !matcher.ExpandsArrays) return false;
        foreach (var element in value.AsBsonArray)
        {
            if (matcher.Matches(element)) return true;
        }
        return false;
    }

    private static bool InArray(BsonArray array, string[] segments, int segment, ValueMatcher matcher)
    {
        // A numeric segment addresses one position; the other sub-documents are still searched for a field of that name.
        var indexed = FieldPath.IsIndex(segments[segment], out var index) ? index : -1;
        if (indexed >= 0 && indexed < array.Count && Continue(array[indexed], segments, segment + 1, matcher)) return true;
        for (var i = 0; i < array.Count; i++)
        {
            if (i == indexed) continue;
            // Only sub-documents continue the path; scalars and nested arrays are skipped, as MongoDB does.
            if (array[i] is BsonDocument element && InDocument(element, segments, segment, matcher)) return true;
        }
        return false;
    }
}
