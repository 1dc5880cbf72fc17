using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Indexes;

/// <summary>
/// The keys one document has in an index, as MongoDB derives them: each field's value (missing counts as null), and
/// for a field holding an array one key per distinct element — so <c>{tags: ["a", "b"]}</c> is found under both
/// (a multikey index). Only one field of a compound index may hold an array in a document: MongoDB refuses
/// "parallel arrays", whose keys would be a cross product.
/// </summary>
public static class IndexKeys
{
    public static IReadOnlyList<BsonValue[]> Of(IndexSpec spec, BsonDocument document)
    {
        var perField = new List<BsonValue>[spec.Fields.Count];
        var arrayField = -1;
        for (var i = 0; i < spec.Fields.Count; i++)
        {
            var values = new List<BsonValue>();
            Collect(document, FieldPath.Parse(spec.Fields[i].Path).Segments, 0, values, spec.Fields[i].Kind == IndexKind.Sphere2d);
            perField[i] = Distinct(values);
            if (perField[i].Count <= 1) continue;
            if (arrayField >= 0)
                throw DocumentException.InvalidParam(
                    $"cannot index parallel arrays: '{spec.Fields[arrayField].Path}' and '{spec.Fields[i].Path}' both hold arrays (index '{spec.Name}')");
            arrayField = i;
        }
        if (arrayField < 0) return [[.. perField.Select(v => v.Count == 0 ? BsonNull.Value : v[0])]];
        var keys = new List<BsonValue[]>(perField[arrayField].Count);
        foreach (var value in perField[arrayField])
            keys.Add([.. perField.Select((v, i) => i == arrayField ? value : v.Count == 0 ? BsonNull.Value : v[0])]);
        return keys;
    }

    /// <summary>True when a document keeps the same keys in an index, so its entries only need the new document.</summary>
    public static bool Same(IReadOnlyList<BsonValue[]> before, IReadOnlyList<BsonValue[]> after) =>
        before.Count == after.Count && before.Select((key, i) => KeyComparer.Same(key, after[i])).All(same => same);

    private static void Collect(BsonValue value, IReadOnlyList<string> segments, int next, List<BsonValue> values, bool geo)
    {
        if (next == segments.Count)
        {
            if (geo) values.AddRange(GeoCells.KeysOf(value));
            else if (value is BsonArray array)
            {
                if (array.Count == 0) values.Add(BsonNull.Value);
                foreach (var element in array) values.Add(element);
            }
            else values.Add(value);
            return;
        }
        switch (value)
        {
            case BsonDocument document:
                if (document.TryGetValue(segments[next], out var child)) Collect(child, segments, next + 1, values, geo);
                else values.Add(BsonNull.Value);
                return;
            case BsonArray array when FieldPath.IsIndex(segments[next], out var index):
                if (index < array.Count) Collect(array[index], segments, next + 1, values, geo);
                else values.Add(BsonNull.Value);
                return;
            case BsonArray array:
                if (array.Count == 0) values.Add(BsonNull.Value);
                foreach (var element in array)
                {
                    if (element is BsonDocument) Collect(element, segments, next, values, geo);
                    else values.Add(BsonNull.Value);
                }
                return;
            default:
                values.Add(BsonNull.Value);
                return;
        }
    }

    private static List<BsonValue> Distinct(List<BsonValue> values)
    {
        if (values.Count <= 1) return values;
        var seen = new HashSet<BsonValue>(BsonValueComparer.Instance);
        return [.. values.Where(seen.Add)];
    }
}
