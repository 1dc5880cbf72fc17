using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Indexes;
using ActorCloud.Documents.Query;
using ActorCloud.Documents.Sorting;
using MongoDB.Bson;

namespace ActorCloud.Documents.Storage;

/// <summary>
/// Runs a compiled filter over a <see cref="IDocumentSource"/>, testing each candidate's stored BSON in place
/// (<see cref="BsonView"/>) and reading only the matches whole: a point lookup when the filter pins <c>_id</c>,
/// otherwise one pass over the candidates — an index range when <see cref="QueryPlanner"/> finds a usable index, else
/// every document — that stops as soon as the page is full (unsorted, or sorted by the index itself), keeps only the
/// best <c>skip + limit</c> documents (sorted), or orders by distance (<c>$nearSphere</c> without an explicit order).
/// </summary>
public static class QueryExecutor
{
    public static IEnumerable<BsonDocument> Matching(IDocumentSource store, QueryFilter filter, bool firstOnly, IndexSet? indexes = null) =>
        Matching(store, filter, firstOnly, QueryPlanner.Plan(indexes, filter, SortSpec.None));

    private static IEnumerable<BsonDocument> Matching(IDocumentSource store, QueryFilter filter, bool firstOnly, QueryPlan plan)
    {
        if (filter.IdEquality is { } id)
        {
            var document = store.Find(id);
            return document is not null && filter.Matches(document) ? [document] : [];
        }
        return MatchingInPlace(store, filter, firstOnly, plan).Select(view => view.ToDocument());
    }

    private static IEnumerable<BsonDocument> InPlaceWhereUseful(IDocumentSource store, QueryFilter filter, QueryPlan plan) =>
        filter.IdEquality is null ? MatchingInPlace(store, filter, false, plan) : Matching(store, filter, false, plan);

    /// <summary>The matches of a filter that pins no <c>_id</c>, still in place: read-only, to be read whole when kept.</summary>
    private static IEnumerable<BsonView> MatchingInPlace(IDocumentSource store, QueryFilter filter, bool firstOnly, QueryPlan plan)
    {
        foreach (var bytes in QueryPlanner.Candidates(plan, store))
        {
            var view = new BsonView(bytes);
            if (!filter.Matches(view)) continue;
            yield return view;
            if (firstOnly) yield break;
        }
    }

    public static long Count(IDocumentSource store, QueryFilter filter, IndexSet? indexes = null)
    {
        if (filter.IdEquality is not null) return Matching(store, filter, firstOnly: true).Any() ? 1 : 0;
        return MatchingInPlace(store, filter, firstOnly: false, QueryPlanner.Plan(indexes, filter, SortSpec.None)).LongCount();
    }

    public static IReadOnlyList<BsonDocument> Find(
        IDocumentSource store, QueryFilter filter, SortSpec sort, int skip, int limit, IndexSet? indexes = null)
    {
        if (limit <= 0) return [];
        var wanted = (int)Math.Min((long)skip + limit, int.MaxValue);
        var plan = QueryPlanner.Plan(indexes, filter, sort);
        if (!sort.IsEmpty && !plan.InSortOrder)
        {
            // Sort keys are read in place; only the page is read whole.
            return Page(SortSpec.TopN(InPlaceWhereUseful(store, filter, plan), sort, wanted), skip, limit);
        }
        if (sort.IsEmpty && filter.Near is not null) return Page(ByDistance(store, filter, plan), skip, limit);

        var page = new List<BsonDocument>(Math.Min(limit, 1024));
        var toSkip = skip;
        foreach (var document in InPlaceWhereUseful(store, filter, plan))
        {
            if (toSkip > 0)
            {
                toSkip--;
                continue;
            }
            page.Add(Whole(document));
            if (page.Count == limit) break;
        }
        return page;
    }

    /// <summary>
    /// How <see cref="Find"/> would answer, without the documents: the plan (<c>IDHACK</c>, <c>IXSCAN name</c> or
    /// <c>COLLSCAN</c>), how many documents it reads and how many it returns.
    /// </summary>
    public static QueryExplanation Explain(IDocumentSource store, QueryFilter filter, SortSpec sort, int skip, int limit, IndexSet? indexes)
    {
        if (filter.IdEquality is not null)
        {
            var found = Matching(store, filter, firstOnly: true).Any() && skip == 0 && limit > 0;
            return new QueryExplanation("IDHACK", null, store.Find(filter.IdEquality) is null ? 0 : 1, found ? 1 : 0);
        }
        var plan = QueryPlanner.Plan(indexes, filter, sort);
        var examined = new Counter();
        var matches = examined.Count(QueryPlanner.Candidates(plan, store)).Select(bytes => new BsonView(bytes)).Where(filter.Matches);
        var wanted = (int)Math.Min((long)skip + Math.Max(limit, 0), int.MaxValue);
        var returned = !sort.IsEmpty && !plan.InSortOrder
            ? Math.Max(0, SortSpec.TopN(matches, sort, wanted).Count - skip)
            : matches.Skip(skip).Take(Math.Max(limit, 0)).Count();
        return new QueryExplanation(plan.Index is null ? "COLLSCAN" : "IXSCAN", plan.Index?.Spec.Name, examined.Total, returned);
    }

    private sealed class Counter
    {
        public long Total { get; private set; }

        public IEnumerable<byte[]> Count(IEnumerable<byte[]> documents)
        {
            foreach (var document in documents)
            {
                Total++;
                yield return document;
            }
        }
    }

    private static IEnumerable<BsonDocument> ByDistance(IDocumentSource store, QueryFilter filter, QueryPlan plan) =>
        Matching(store, filter, firstOnly: false, plan)
            .Select(document => (Document: document, Distance: filter.Near!.Distance(document)))
            .OrderBy(pair => pair.Distance)
            .Select(pair => pair.Document);

    private static List<BsonDocument> Page(IEnumerable<BsonDocument> ordered, int skip, int limit) =>
        ordered.Skip(skip).Take(limit).Select(Whole).ToList();

    /// <summary>A match as handed out: read whole when it is still in place.</summary>
    private static BsonDocument Whole(BsonDocument document) => document is BsonView view ? view.ToDocument() : document;
}

/// <summary>What a query costs: its plan, the index it uses, the documents it reads and those it returns.</summary>
public sealed record QueryExplanation(string Plan, string? Index, long DocsExamined, long Returned);
