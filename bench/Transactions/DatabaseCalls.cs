using System.Globalization;
using System.Text.Json;

namespace ActorCloud.Bench.Transactions;

/// <summary>
/// The benchmark's actions over HTTP, each checking the reply's shape (a read found its document, an update updated
/// one, an insert got its id), so a run that silently did nothing cannot pass for a fast one.
/// </summary>
public sealed class DatabaseCalls(GatewayClient client, ActionBodies bodies)
{
    public Task AddCollectionAsync(string collection) => client.CallForRootAsync(bodies.AddCollection(collection), _ => 0);

    public Task InsertAsync(string collection, IReadOnlyList<string> ejsonDocuments, string? transactionId = null) =>
        client.CallForRootAsync(bodies.Insert(collection, ejsonDocuments, transactionId), root =>
        {
            var data = root.GetProperty("data");
            var ids = data.TryGetProperty("insertedIds", out var list) ? list.GetArrayLength()
                : data.TryGetProperty("_id", out _) ? 1 : 0;
            return ids == ejsonDocuments.Count
                ? 0
                : throw new InvalidDataException($"inserted {ejsonDocuments.Count} documents into {collection}, got {ids} ids");
        });

    /// <summary>The account's balance as this read sees it (inside a transaction: the transaction's view).</summary>
    public Task<long> GetBalanceAsync(string collection, string id, string? transactionId) =>
        client.CallForRootAsync(bodies.GetById(collection, id, transactionId), root =>
        {
            var list = root.GetProperty("data").GetProperty("list");
            if (list.GetArrayLength() != 1) throw new InvalidDataException($"account {id} not found in {collection}");
            using var document = JsonDocument.Parse(list[0].GetString()!);
            return Ejson.Integer(document.RootElement.GetProperty("balance"));
        });

    public Task IncrementBalanceAsync(string collection, string id, int delta, string? transactionId) =>
        client.CallForRootAsync(bodies.IncrementBalance(collection, id, delta, transactionId), root =>
            root.GetProperty("data").GetProperty("updated").GetInt32() == 1
                ? 0
                : throw new InvalidDataException($"account {id} in {collection} was not updated"));

    /// <summary>node-sdk reads the id from the top level, beside <c>data</c>.</summary>
    public Task<string> StartTransactionAsync() =>
        client.CallForRootAsync(bodies.StartTransaction(), root =>
            root.TryGetProperty("transactionId", out var id) && id.GetString() is { Length: > 0 } text
                ? text
                : throw new InvalidDataException($"startTransaction answered without a transactionId: {root}"));

    public Task CommitAsync(string transactionId) => client.CallForRootAsync(bodies.CommitTransaction(transactionId), _ => 0);

    public Task AbortAsync(string transactionId) => client.CallForRootAsync(bodies.AbortTransaction(transactionId), _ => 0);

    /// <summary>Every document of a collection, page by page in <c>_id</c> order (1 000 per page, the admin cap).</summary>
    public async Task<List<JsonElement>> ReadAllAsync(string collection)
    {
        const int pageSize = 1000;
        var all = new List<JsonElement>();
        while (true)
        {
            var page = await client.CallForRootAsync(bodies.Page(collection, all.Count, pageSize), root =>
                root.GetProperty("data").GetProperty("list").EnumerateArray()
                    .Select(item => JsonDocument.Parse(item.GetString()!).RootElement.Clone()).ToList());
            all.AddRange(page);
            if (page.Count < pageSize) return all;
        }
    }
}

/// <summary>Reading canonical EJSON numbers back (<c>$numberInt</c>, <c>$numberLong</c>, <c>$numberDouble</c>).</summary>
public static class Ejson
{
    public static long Integer(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number) return value.GetInt64();
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (value.TryGetProperty("$numberInt", out var i) || value.TryGetProperty("$numberLong", out i))
                return long.Parse(i.GetString()!, CultureInfo.InvariantCulture);
            if (value.TryGetProperty("$numberDouble", out var d)
                && double.Parse(d.GetString()!, CultureInfo.InvariantCulture) is var x && x == Math.Floor(x))
                return (long)x;
        }
        throw new InvalidDataException($"not an integer: {value}");
    }
}
