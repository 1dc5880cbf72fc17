using System.Globalization;
using System.Text.Json;

namespace ActorCloud.Bench.Indexes;

/// <summary>An index as <c>DescribeTable</c> lists it.</summary>
public sealed record DescribedIndex(string Name, bool Unique, long? Size);

/// <summary>
/// The benchmark's actions over HTTP. Every answer is checked — the page's length and each document's keys — so a
/// query that silently returned nothing, or the wrong documents, cannot pass for a fast one.
/// </summary>
public sealed class IndexCalls(GatewayClient client, IndexBodies bodies)
{
    public Task AddCollectionAsync(string collection) => client.CallAsync(bodies.AddCollection(collection), _ => 0);

    public Task InsertAsync(string collection, IReadOnlyList<string> ejsonDocuments) =>
        client.CallAsync(bodies.Insert(collection, ejsonDocuments), data =>
        {
            var ids = data.GetProperty("insertedIds").GetArrayLength();
            return ids == ejsonDocuments.Count ? ids : throw new InvalidDataException($"inserted {ejsonDocuments.Count} documents, got {ids} ids");
        });

    /// <summary>The page's documents as (sku, year) pairs, read from the EJSON strings the admin dialect answers with.</summary>
    public Task<(int Sku, int Year)[]> WhereAsync(string collection, string query, string? order, int limit) =>
        client.CallAsync(bodies.Where(collection, query, order, limit), data =>
            data.GetProperty("list").EnumerateArray().Select(item => Keys(item.GetString()!)).ToArray());

    public Task<long> CountAsync(string collection, string query) =>
        client.CallAsync(bodies.Count(collection, query), data => data.GetProperty("total").GetInt64());

    public Task CreateIndexAsync(string collection, string name, bool unique, params IndexKey[] keys) =>
        client.CallAsync(bodies.CreateIndex(collection, name, unique, keys), _ => 0);

    public Task<DescribedIndex[]> DescribeAsync(string collection) =>
        client.CallAsync(bodies.DescribeTable(collection), data => data.GetProperty("Indexes").EnumerateArray()
            .Select(i => new DescribedIndex(i.GetProperty("Name").GetString()!, i.GetProperty("Unique").GetBoolean(),
                i.TryGetProperty("Size", out var size) ? size.GetInt64() : null))
            .ToArray());

    private static (int, int) Keys(string ejson)
    {
        using var document = JsonDocument.Parse(ejson);
        return (Int(document.RootElement, "sku"), Int(document.RootElement, "year"));
    }

    private static int Int(JsonElement document, string name) =>
        document.TryGetProperty(name, out var value) && value.TryGetProperty("$numberInt", out var text)
            ? int.Parse(text.GetString()!, CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"a returned document has no Int32 '{name}'");
}
