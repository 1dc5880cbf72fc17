using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Query;
using ActorCloud.Documents.Sorting;
using ActorCloud.Documents.Storage;
using MongoDB.Bson;

namespace ActorCloud.Documents.Indexes;

/// <summary>
/// How a query finds its candidates: which index (none: a collection scan), the values its leading fields are pinned to
/// (<paramref name="Prefix"/>), the bounds on the next field, and whether candidates come in the sort's order.
/// </summary>
public sealed record QueryPlan(IndexTree? Index, BsonValue[] Prefix, IndexBounds? Bounds, bool InSortOrder)
{
    public static readonly QueryPlan CollectionScan = new(null, [], null, false);

    /// <summary>For a <c>2dsphere</c> index: the key ranges of the cells covering the query's region.</summary>
    public IReadOnlyList<(long Low, long High)>? Cells { get; init; }

    /// <summary>
    /// Pinned fields first, then a geo covering (usually a small area), then points before lists before ranges.
    /// </summary>
    public int Score => Cells is not null ? 5 : Prefix.Length * 10 + (Bounds?.Score ?? 0);

    public string Describe => Index is null ? "COLLSCAN" : $"IXSCAN {Index.Spec.Name}";
}

/// <summary>
/// Picks an index for a query, as MongoDB's planner would for the simple cases that matter: the index whose leading
/// fields the query pins to single values, then bounds most tightly on the next one (one value, a list of values, a
/// range), else one whose order is the requested sort. A multikey index cannot give a sort order and takes only one side
/// of a range (its documents may match the two sides with different elements).
/// </summary>
public static class QueryPlanner
{
    public static QueryPlan Plan(IndexSet? indexes, QueryFilter filter, SortSpec sort)
    {
        if (indexes is null || indexes.Trees.Count == 0 || filter.IdEquality is not null) return QueryPlan.CollectionScan;
        QueryPlan? best = null;
        foreach (var tree in indexes.Trees.Where(t => !t.Spec.IsGeo))
        {
            var (prefix, bounds) = BoundsOf(tree, filter.Query);
            if (prefix.Length == 0 && bounds is null) continue;
            if (tree.IsMultikey && bounds is { Points: null }) bounds = bounds with { High = null };
            var plan = new QueryPlan(tree, prefix, bounds, Orders(tree, sort, prefix.Length, bounds));
            if (best is null || plan.Score > best.Score || (plan.Score == best.Score && plan.InSortOrder && !best.InSortOrder)) best = plan;
        }
        foreach (var tree in indexes.Trees.Where(t => t.Spec.Fields[0].Kind == IndexKind.Sphere2d))
        {
            if (!filter.Query.TryGetValue(tree.Spec.Fields[0].Path, out var condition) || GeoCells.Covering(condition) is not { } cells) continue;
            var plan = new QueryPlan(tree, [], null, false) { Cells = cells };
            if (best is null || plan.Score > best.Score) best = plan;
        }
        if (best is not null) return best;
        var ordered = sort.IsEmpty ? null : indexes.Trees.FirstOrDefault(t => !t.Spec.IsGeo && Orders(t, sort, 0, null));
        return ordered is null ? QueryPlan.CollectionScan : new QueryPlan(ordered, [], null, true);
    }

    /// <summary>The leading fields the query pins to one value each, and the bounds it puts on the field after them.</summary>
    private static (BsonValue[] Prefix, IndexBounds? Next) BoundsOf(IndexTree tree, BsonDocument query)
    {
        var prefix = new List<BsonValue>();
        foreach (var field in tree.Spec.Fields)
        {
            if (field.Kind == IndexKind.Sphere2d || IndexBounds.For(query, field.Path) is not { } bounds) break;
            if (bounds.Points is not { Count: 1 } single) return ([.. prefix], bounds);
            prefix.Add(single[0]);
        }
        return ([.. prefix], null);
    }

    /// <summary>The plan's candidates, as stored BSON: every document the query can match, possibly more, each once.</summary>
    public static IEnumerable<byte[]> Candidates(QueryPlan plan, IDocumentSource documents)
    {
        if (plan.Index is not { } tree) return documents.AllBytes();
        var entries = plan.Cells is { } cells ? ScanCells(tree, cells)
            : plan.Bounds is { } bounds ? Scan(tree, plan.Prefix, bounds)
            : plan.Prefix.Length > 0 ? tree.Scan(new KeyBound(plan.Prefix, true), new KeyBound(plan.Prefix, true))
            : tree.Scan(null, null);
        var slots = entries.Select(e => e.Slot);
        // A geo covering's cells come in key order, not the query's: its candidates are put back in natural order, so
        // results (and ties in distance) come out as a scan would give them.
        if (plan.Cells is not null) slots = slots.Distinct().Order();
        else if (tree.IsMultikey || plan.Bounds?.Points is { Count: > 1 }) slots = slots.Distinct();
        return slots.Select(slot => documents.BytesAt(slot) ?? throw new InvalidOperationException($"index {tree.Spec.Name} refers to empty slot {slot}"));
    }

    /// <summary>The entries of the geometries that are not points (always candidates), then those in the covering cells.</summary>
    private static IEnumerable<IndexEntry> ScanCells(IndexTree tree, IReadOnlyList<(long Low, long High)> cells)
    {
        BsonValue[] anywhere = [GeoCells.Anywhere];
        var ranges = cells.Select(c => tree.Scan(new KeyBound([new BsonInt64(c.Low)], true), new KeyBound([new BsonInt64(c.High)], true)));
        return tree.Scan(new KeyBound(anywhere, true), new KeyBound(anywhere, true)).Concat(ranges.SelectMany(r => r));
    }

    /// <summary>The entries under the pinned prefix whose next key is within the bounds, in index order.</summary>
    private static IEnumerable<IndexEntry> Scan(IndexTree tree, BsonValue[] prefix, IndexBounds bounds)
    {
        var descending = tree.Spec.Fields[prefix.Length].Kind == IndexKind.Descending;
        BsonValue[] Key(BsonValue value) => [.. prefix, value];
        if (bounds.Points is { } points)
        {
            IEnumerable<BsonValue> ordered = points.Order(BsonValueComparer.Instance);
            if (descending) ordered = ordered.Reverse();
            return ordered.SelectMany(point => tree.Scan(new KeyBound(Key(point), true), new KeyBound(Key(point), true)));
        }
        KeyBound? low = bounds.Low is { } l ? new KeyBound(Key(l), bounds.LowInclusive) : null;
        KeyBound? high = bounds.High is { } h ? new KeyBound(Key(h), bounds.HighInclusive) : null;
        // An open side still stays under the prefix.
        low ??= prefix.Length > 0 ? new KeyBound(prefix, true) : null;
        high ??= prefix.Length > 0 ? new KeyBound(prefix, true) : null;
        return descending ? tree.Scan(high, low) : tree.Scan(low, high);
    }

    /// <summary>
    /// True when the index's order is the sort's and it is not multikey: the sort's fields are the index's fields from
    /// the first one, or from the first after the pinned prefix (whose values are all equal), in the same directions.
    /// </summary>
    private static bool Orders(IndexTree tree, SortSpec sort, int pinned, IndexBounds? bounds)
    {
        if (sort.IsEmpty || tree.IsMultikey || bounds?.Points is { Count: > 1 }) return false;
        return FollowsFrom(tree, sort, pinned) || FollowsFrom(tree, sort, 0);
    }

    private static bool FollowsFrom(IndexTree tree, SortSpec sort, int start)
    {
        var fields = sort.Fields;
        if (start + fields.Count > tree.Spec.Fields.Count) return false;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = tree.Spec.Fields[start + i];
            var descending = field.Kind == IndexKind.Descending;
            if (field.Kind == IndexKind.Sphere2d || field.Path != fields[i].Key || (fields[i].Value < 0) != descending) return false;
        }
        return true;
    }
}
