using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Query;
using ActorCloud.Documents.Sorting;
using MongoDB.Bson;

namespace ActorCloud.Documents.Indexes;

/// <summary>How a query finds its candidates: which index (none: a collection scan) and whether they come in the sort's order.</summary>
public sealed record QueryPlan(IndexTree? Index, IndexBounds? Bounds, bool InSortOrder)
{
    public static readonly QueryPlan CollectionScan = new(null, null, false);

    public string Describe => Index is null ? "COLLSCAN" : $"IXSCAN {Index.Spec.Name}";
}

/// <summary>
/// Picks an index for a query, as MongoDB's planner would for the simple cases that matter: the index whose leading
/// field the query bounds most tightly (one value, then a list of values, then a range), else one whose order is the
/// requested sort. A multikey index cannot give a sort order and takes only one side of a range (its documents may
/// match the two sides with different elements).
/// </summary>
public static class QueryPlanner
{
    public static QueryPlan Plan(IndexSet? indexes, QueryFilter filter, SortSpec sort)
    {
        if (indexes is null || indexes.Trees.Count == 0 || filter.IdEquality is not null) return QueryPlan.CollectionScan;
        QueryPlan? best = null;
        foreach (var tree in indexes.Trees.Where(t => !t.Spec.IsGeo))
        {
            if (IndexBounds.For(filter.Query, tree.Spec.Fields[0].Path) is not { } bounds) continue;
            if (tree.IsMultikey && bounds.Points is null) bounds = bounds with { High = null };
            if (best is null || bounds.Score > best.Bounds!.Score) best = new QueryPlan(tree, bounds, Orders(tree, sort, bounds));
        }
        if (best is not null) return best;
        var ordered = sort.IsEmpty ? null : indexes.Trees.FirstOrDefault(t => !t.Spec.IsGeo && Orders(t, sort, null));
        return ordered is null ? QueryPlan.CollectionScan : new QueryPlan(ordered, null, true);
    }

    /// <summary>The plan's candidates: every document the query can match, possibly more, each once.</summary>
    public static IEnumerable<BsonDocument> Candidates(QueryPlan plan, IEnumerable<BsonDocument> all)
    {
        if (plan.Index is not { } tree) return all;
        var entries = plan.Bounds is { } bounds ? Scan(tree, bounds) : tree.Scan(null, null);
        var documents = entries.Select(e => e.Document);
        return tree.IsMultikey || plan.Bounds?.Points is { Count: > 1 } ? Distinct(documents) : documents;
    }

    private static IEnumerable<IndexEntry> Scan(IndexTree tree, IndexBounds bounds)
    {
        if (bounds.Points is { } points)
        {
            IEnumerable<BsonValue> ordered = points.Order(BsonValueComparer.Instance);
            if (tree.Spec.Fields[0].Kind == IndexKind.Descending) ordered = ordered.Reverse();
            return ordered.SelectMany(point => tree.Scan(new KeyBound([point], true), new KeyBound([point], true)));
        }
        KeyBound? low = bounds.Low is { } l ? new KeyBound([l], bounds.LowInclusive) : null;
        KeyBound? high = bounds.High is { } h ? new KeyBound([h], bounds.HighInclusive) : null;
        return tree.Spec.Fields[0].Kind == IndexKind.Descending ? tree.Scan(high, low) : tree.Scan(low, high);
    }

    /// <summary>True when the index's order is the sort's (its leading fields, same directions) and it is not multikey.</summary>
    private static bool Orders(IndexTree tree, SortSpec sort, IndexBounds? bounds)
    {
        if (sort.IsEmpty || tree.IsMultikey || bounds?.Points is { Count: > 1 }) return false;
        var fields = sort.Fields;
        if (fields.Count > tree.Spec.Fields.Count) return false;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = tree.Spec.Fields[i];
            var descending = field.Kind == IndexKind.Descending;
            if (field.Kind == IndexKind.Sphere2d || field.Path != fields[i].Key || (fields[i].Value < 0) != descending) return false;
        }
        return true;
    }

    private static IEnumerable<BsonDocument> Distinct(IEnumerable<BsonDocument> documents)
    {
        var seen = new HashSet<BsonValue>(BsonValueComparer.Instance);
        foreach (var document in documents)
        {
            if (seen.Add(document["_id"])) yield return document;
        }
    }
}
