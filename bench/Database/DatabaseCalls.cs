namespace ActorCloud.Bench.Database;

/// <summary>
/// The benchmark's database actions over HTTP, each checking the reply's shape so a run that silently
/// returned nothing cannot pass for a fast one.
/// </summary>
public sealed class DatabaseCalls(GatewayClient client, ActionBodies bodies)
{
    public Task AddCollectionAsync(string collection) => client.CallAsync(bodies.AddCollection(collection), _ => 0);

    public Task SetPermissionAsync(string collection, string aclTag) => client.CallAsync(bodies.SetPermission(collection, aclTag), _ => 0);

    public Task<string[]> InsertAsync(string collection, IReadOnlyList<string> ejsonDocuments) =>
        client.CallAsync(bodies.Insert(collection, ejsonDocuments), data =>
        {
            var ids = data.GetProperty("insertedIds").EnumerateArray().Select(id => id.GetString()!).ToArray();
            return ids.Length == ejsonDocuments.Count
                ? ids
                : throw new InvalidDataException($"inserted {ejsonDocuments.Count} documents, got {ids.Length} ids");
        });

    public Task GetByIdAsync(string collection, string id) =>
        client.CallAsync(bodies.GetById(collection, id), data => data.GetProperty("list").GetArrayLength() == 1
            ? 1
            : throw new InvalidDataException($"document {id} not found"));

    /// <summary>Returns how many documents the page held.</summary>
    public Task<int> WhereAsync(string collection, string query, string? order, int limit) =>
        client.CallAsync(bodies.Where(collection, query, order, limit), data => data.GetProperty("list").GetArrayLength());

    public Task UpdateByIdAsync(string collection, string id, string update) =>
        client.CallAsync(bodies.UpdateById(collection, id, update), data => data.GetProperty("updated").GetInt32() == 1
            ? 1
            : throw new InvalidDataException($"document {id} was not updated"));

    public Task<long> CountAsync(string collection, string query) =>
        client.CallAsync(bodies.Count(collection, query), data => data.GetProperty("total").GetInt64());
}
