using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Sorting;

/// <summary>
/// MongoDB's sort key for one field of one document: every value the dot path reaches (through arrays of
/// sub-documents, expanding an array at the end of the path), reduced to the smallest for an ascending sort and
/// the largest for a descending one. Missing counts as null; an empty array sorts below null.
/// </summary>
internal static class SortKeyExtractor
{
    /// <summary>Stands in for an empty array: MinKey sorts below null ascending and after everything descending.</summary>
    private static readonly BsonValue EmptyArray = BsonMinKey.Value;

    public static BsonValue Extract(BsonDocument document, IReadOnlyList<string> segments, bool descending)
    {
        BsonValue? best = null;
        Collect(document, segments, 0, descending, ref best);
        return best ?? BsonNull.Value;
    }

    private static void Collect(BsonValue value, IReadOnlyList<string> segments, int next, bool descending, ref BsonValue? best)
    {
        if (next == segments.Count)
        {
            if (value is not BsonArray leaf)
            {
                Offer(value, descending, ref best);
                return;
            }
            if (leaf.Count == 0) Offer(EmptyArray, descending, ref best);
            foreach (var element in leaf) Offer(element, descending, ref best);
            return;
        }

        switch (value)
        {
            case BsonDocument document:
                if (document.TryGetValue(segments[next], out var child)) Collect(child, segments, next + 1, descending, ref best);
                else Offer(BsonNull.Value, descending, ref best);
                return;
            case BsonArray array when FieldPath.IsIndex(segments[next], out var index):
                if (index < array.Count) Collect(array[index], segments, next + 1, descending, ref best);
                else Offer(BsonNull.Value, descending, ref best);
                return;
            case BsonArray array:
                if (array.Count == 0) Offer(BsonNull.Value, descending, ref best);
                foreach (var element in array)
                {
                    // Only sub-documents continue the path; any other element contributes a missing (null) value.
                    if (element is BsonDocument) Collect(element, segments, next, descending, ref best);
                    else Offer(BsonNull.Value, descending, ref best);
                }
                return;
            default:
                Offer(BsonNull.Value, descending, ref best);
                return;
        }
    }

    private static void Offer(BsonValue candidate, bool descending, ref BsonValue? best)
    {
        if (best is null)
        {
            best = candidate;
            return;
        }
        var c = BsonValueComparer.Instance.Compare(candidate, best);
        if (descending ? c > 0 : c < 0) best = candidate;
    }
}
