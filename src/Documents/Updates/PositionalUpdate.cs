using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Query;
using MongoDB.Bson;

namespace ActorCloud.Documents.Updates;

/// <summary>
/// Positional update paths, resolved per document into concrete ones before the update is parsed:
/// <c>a.$</c> becomes the index of the first element of <c>a</c> the query matched, and <c>a.$[]</c> every index
/// of <c>a</c>. The concrete update is what the journal keeps, so replay needs neither the query nor this class.
/// </summary>
public static class PositionalUpdate
{
    private const string First = "$";
    private const string All = "$[]";

    public static bool Uses(BsonDocument update)
    {
        foreach (var op in update)
        {
            if (op.Value is not BsonDocument fields) continue;
            foreach (var field in fields)
            {
                if (field.Name.Split('.').Any(IsPositional)) return true;
            }
        }
        return false;
    }

    /// <summary>The update with every positional segment replaced by index 0, to validate its shape once.</summary>
    public static BsonDocument ForValidation(BsonDocument update) => Rewrite(update, path => [string.Join('.', path.Split('.').Select(s => IsPositional(s) ? "0" : s))]);

    /// <summary>The concrete update for one matched <paramref name="document"/> of <paramref name="query"/>.</summary>
    public static BsonDocument Resolve(BsonDocument update, BsonDocument query, BsonDocument document) =>
        Rewrite(update, path => Expand(path.Split('.'), 0, document, query, path));

    private static bool IsPositional(string segment) => segment is First or All || segment.StartsWith("$[", StringComparison.Ordinal);

    private static BsonDocument Rewrite(BsonDocument update, Func<string, IEnumerable<string>> paths)
    {
        var result = new BsonDocument();
        foreach (var op in update)
        {
            if (op.Value is not BsonDocument fields)
            {
                result.Add(op);
                continue;
            }
            var concrete = new BsonDocument();
            foreach (var field in fields)
            {
                foreach (var path in paths(field.Name))
                {
                    if (!concrete.Contains(path)) concrete.Add(path, field.Value);
                }
            }
            result.Add(op.Name, concrete);
        }
        return result;
    }

    private static IEnumerable<string> Expand(string[] segments, int from, BsonValue? current, BsonDocument query, string original)
    {
        for (var i = from; i < segments.Length; i++)
        {
            if (!IsPositional(segments[i]))
            {
                current = Child(current, segments[i]);
                continue;
            }
            if (current is not BsonArray array)
                throw DocumentException.RequestFailed($"The path '{string.Join('.', segments[..i])}' must exist in the document in order to apply array updates.");
            if (segments[i] == First)
            {
                segments = (string[])segments.Clone();
                segments[i] = PositionalMatch.FirstIndex(query, string.Join('.', segments[..i]), array).ToString(System.Globalization.CultureInfo.InvariantCulture);
                current = array[int.Parse(segments[i], System.Globalization.CultureInfo.InvariantCulture)];
                continue;
            }
            if (segments[i] != All)
                throw DocumentException.InvalidParam($"The update path '{original}' uses filtered positional '{segments[i]}', which needs arrayFilters; CloudBase does not send them");
            return Enumerable.Range(0, array.Count).SelectMany(index =>
            {
                var copy = (string[])segments.Clone();
                copy[i] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Expand(copy, i + 1, array[index], query, original);
            }).ToList();
        }
        return [string.Join('.', segments)];
    }

    private static BsonValue? Child(BsonValue? value, string segment) => value switch
    {
        BsonDocument d => d.GetValue(segment, null),
        BsonArray a when FieldPath.IsIndex(segment, out var index) && index < a.Count => a[index],
        _ => null,
    };
}
