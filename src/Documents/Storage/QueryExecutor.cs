using ActorCloud.Documents.Query;
using ActorCloud.Documents.Sorting;
using MongoDB.Bson;

namespace ActorCloud.Documents.Storage;

/// <summary>
/// Runs a compiled filter over a <see cref="IDocumentSource"/>: a point lookup when the filter pins <c>_id</c>,
/// otherwise one scan that stops as soon as the page is full (unsorted), keeps only the best
/// <c>skip + limit</c> documents (sorted), or orders by distance (<c>$nearSphere</c> without an explicit order).
/// </summary>
public static class QueryExecutor
{
    public static IEnumerable<BsonDocument> Matching(IDocumentSource store, QueryFilter filter, bool firstOnly)
    {
        if (filter.IdEquality is { } id)
        {
            var document = store.Find(id);
            if (document is not null && filter.Matches(document)) yield return document;
            yield break;
        }
        foreach (var document in store.All())
        {
            if (!filter.Matches(document)) continue;
            yield return document;
            if (firstOnly) yield break;
        }
    }

    public static long Count(IDocumentSource store, QueryFilter filter)
    {
        if (filter.IdEquality is not null) return Matching(store, filter, firstOnly: true).Any() ? 1 : 0;
        long count = 0;
        foreach (var document in store.All())
        {
            if (filter.Matches(document)) count++;
        }
        return count;
    }

    public static IReadOnlyList<BsonDocument> Find(IDocumentSource store, QueryFilter filter, SortSpec sort, int skip, int limit)
    {
        if (limit <= 0) return [];
        var wanted = (int)Math.Min((long)skip + limit, int.MaxValue);
        if (!sort.IsEmpty) return Page(SortSpec.TopN(Matching(store, filter, firstOnly: false), sort, wanted), skip, limit);
        if (filter.Near is not null) return Page(ByDistance(store, filter), skip, limit);

        var page = new List<BsonDocument>(Math.Min(limit, 1024));
        var toSkip = skip;
        foreach (var document in Matching(store, filter, firstOnly: false))
        {
            if (toSkip > 0)
            {
                toSkip--;
                continue;
            }
            page.Add(document);
            if (page.Count == limit) break;
        }
        return page;
    }

    private static IEnumerable<BsonDocument> ByDistance(IDocumentSource store, QueryFilter filter) =>
        Matching(store, filter, firstOnly: false)
            .Select(document => (Document: document, Distance: filter.Near!.Distance(document)))
            .OrderBy(pair => pair.Distance)
            .Select(pair => pair.Document);

    private static List<BsonDocument> Page(IEnumerable<BsonDocument> ordered, int skip, int limit) =>
        ordered.Skip(skip).Take(limit).ToList();
}
