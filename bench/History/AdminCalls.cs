namespace ActorCloud.Bench.History;

/// <summary>
/// The answer to <c>auth.wsWebSign</c>: what a realtime socket logs in with and where it connects.
/// <see cref="SecretVersionJson"/> is kept as the server wrote it (number or string) and echoed as such in LOGIN.
/// </summary>
public sealed record WsSign(string SignStr, string WsUrl, string? SecretVersionJson, string EnvId);

/// <summary>
/// The benchmark's <c>/admin</c> actions, each checking the reply's shape so a run that silently did nothing cannot
/// pass for a fast one.
/// </summary>
public sealed class AdminCalls(GatewayClient client, ActionBodies bodies)
{
    public Task AddCollectionAsync(string collection) => client.CallAsync(bodies.AddCollection(collection), _ => 0);

    public Task<string> InsertAsync(string collection, string ejsonDocument) =>
        client.CallAsync(bodies.Insert(collection, ejsonDocument), data =>
            data.GetProperty("insertedIds") is { } ids && ids.GetArrayLength() == 1
                ? ids[0].GetString()!
                : throw new InvalidDataException("an insert of one document did not answer one id"));

    public Task UpdateByIdAsync(string collection, string id, string update) =>
        client.CallAsync(bodies.UpdateById(collection, id, update), data => data.GetProperty("updated").GetInt32() == 1
            ? 1
            : throw new InvalidDataException($"document {id} was not updated"));

    public Task RemoveByIdAsync(string collection, string id) =>
        client.CallAsync(bodies.RemoveById(collection, id), data => data.GetProperty("deleted").GetInt32() == 1
            ? 1
            : throw new InvalidDataException($"document {id} was not removed"));

    /// <summary>Returns how many documents the page held.</summary>
    public Task<int> PageAsync(string collection, int offset, int limit) =>
        client.CallAsync(bodies.Page(collection, offset, limit), data => data.GetProperty("list").GetArrayLength());

    public Task<long> CountAsync(string collection, AsOf? asOf = null) =>
        client.CallAsync(bodies.Count(collection, asOf), data => data.GetProperty("total").GetInt64());

    public Task<WsSign> WsWebSignAsync() =>
        client.CallAsync(bodies.WsWebSign(), data => new WsSign(
            data.GetProperty("signStr").GetString()!, data.GetProperty("wsUrl").GetString() ?? "",
            data.TryGetProperty("secretVersion", out var version) ? version.GetRawText() : null,
            data.TryGetProperty("envId", out var env) ? env.GetString() ?? "" : ""));
}
