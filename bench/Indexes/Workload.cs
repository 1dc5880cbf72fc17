namespace ActorCloud.Bench.Indexes;

/// <summary>
/// The three queries, asked with values drawn from the request's number (a multiplicative hash: scattered and
/// repeatable, so the indexed phases ask for exactly what the unindexed ones asked for), each answer checked against
/// what the generated documents imply.
/// </summary>
public sealed class Workload(IndexCalls db, string collection, int documents)
{
    public const int RangeWidth = 50;
    public const int EqualityLimit = 100;
    public const int OrderedLimit = 20;

    /// <summary><c>order</c> as node-sdk sends <c>orderBy('sku', 'asc')</c>: an EJSON document.</summary>
    public static readonly string BySkuAscending = $$"""{"sku":{{Ejson.Int(1)}}}""";

    /// <summary>The 20 smallest skus of each year: what <c>{year: Y}</c> ordered by sku must answer.</summary>
    private static readonly Lazy<int[][]> FirstSkusOfYear = new(() =>
    {
        var first = Enumerable.Range(0, SkuBook.Years).Select(_ => new List<int>(OrderedLimit)).ToArray();
        var complete = 0;
        for (var sku = 0; complete < SkuBook.Years; sku++)
        {
            var list = first[SkuBook.YearOf(sku) - SkuBook.FirstYear];
            if (list.Count == OrderedLimit) continue;
            list.Add(sku);
            if (list.Count == OrderedLimit) complete++;
        }
        return [.. first.Select(list => list.ToArray())];
    });

    /// <summary>The highest sku <see cref="FirstSkusOfYear"/> needs; the collection must hold every sku up to it.</summary>
    public static int SkusNeededForOrderedQuery => FirstSkusOfYear.Value.Max(list => list[^1]) + 1;

    public static string EqualityQuery(int sku) => $$"""{"sku":{{Ejson.Int(sku)}}}""";

    public static string RangeQuery(int low) => $$$"""{"sku":{"$gte":{{{Ejson.Int(low)}}},"$lt":{{{Ejson.Int(low + RangeWidth)}}}}}""";

    public static string YearQuery(int year) => $$"""{"year":{{Ejson.Int(year)}}}""";

    public int SkuAt(int i) => (int)((uint)i * 2654435761u % (uint)documents);

    /// <summary><c>{sku: x}</c>, limit 100: exactly one document, sku x.</summary>
    public async Task EqualityAsync(int i)
    {
        var sku = SkuAt(i);
        var page = await db.WhereAsync(collection, EqualityQuery(sku), null, EqualityLimit);
        if (page.Length != 1 || page[0].Sku != sku)
            throw new InvalidDataException($"{{sku: {sku}}} answered {page.Length} documents{(page.Length > 0 ? $", first sku {page[0].Sku}" : "")}");
    }

    /// <summary><c>{sku: {$gte: x, $lt: x + 50}}</c>, limit 100: exactly skus x … x + 49.</summary>
    public async Task RangeAsync(int i)
    {
        var low = SkuAt(i) % (documents - RangeWidth + 1);
        var page = await db.WhereAsync(collection, RangeQuery(low), null, EqualityLimit);
        if (page.Length != RangeWidth || page.Select(d => d.Sku).Distinct().Count() != RangeWidth || page.Any(d => d.Sku < low || d.Sku >= low + RangeWidth))
            throw new InvalidDataException($"sku range [{low}, {low + RangeWidth}) answered {page.Length} documents, not the {RangeWidth} expected");
    }

    /// <summary><c>{year: Y}</c> ordered by sku, limit 20: the year's 20 smallest skus, in order.</summary>
    public async Task YearOrderedAsync(int i)
    {
        var year = SkuBook.FirstYear + (int)((uint)i * 7919u % SkuBook.Years);
        var page = await db.WhereAsync(collection, YearQuery(year), BySkuAscending, OrderedLimit);
        var expected = FirstSkusOfYear.Value[year - SkuBook.FirstYear];
        if (!page.Select(d => d.Sku).SequenceEqual(expected) || page.Any(d => d.Year != year))
            throw new InvalidDataException($"{{year: {year}}} by sku answered skus [{string.Join(',', page.Select(d => d.Sku))}], " +
                $"expected [{string.Join(',', expected)}]");
    }
}
