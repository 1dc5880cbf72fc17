using System.Globalization;
using System.Text.Json;

namespace ActorCloud.Bench.Cluster;

/// <summary>
/// The three actions the benchmark sends, as <c>@cloudbase/node-sdk</c> 3.18 sends them (see bench/Database), each
/// checking its reply's shape so a run that silently did nothing cannot pass for a fast one.
/// </summary>
public static class DatabaseCalls
{
    public static Task AddCollectionAsync(GatewayClient client, string collection) =>
        client.CallAsync(Body("database.addCollection", w => w.WriteString("collectionName", collection)), _ => 0);

    /// <summary>
    /// <c>db.collection(c).add({n, by})</c>: one small document, so one <c>DocumentsInserted</c> event, answered only
    /// once that event is in the journal.
    /// </summary>
    public static Task InsertOneAsync(GatewayClient client, string collection, long n) =>
        client.CallAsync(Body("database.insertDocument", w =>
        {
            w.WriteString("collectionName", collection);
            w.WriteStartArray("data");
            w.WriteStringValue($$"""{"n":{"$numberLong":"{{n.ToString(CultureInfo.InvariantCulture)}}"},"by":"bench-cluster"}""");
            w.WriteEndArray();
        }), data => data.GetProperty("insertedIds").GetArrayLength() == 1
            ? 1
            : throw new InvalidDataException($"inserted 1 document into {collection}, got {data}"));

    /// <summary><c>db.collection(c).count()</c>: needs the whole collection, so its first call pays for its recovery.</summary>
    public static Task<long> CountAsync(GatewayClient client, string collection) =>
        client.CallAsync(Body("database.calculateDocument", w =>
        {
            w.WriteString("collectionName", collection);
            w.WriteString("queryType", "WHERE");
            w.WriteString("query", "{}");
        }), data => data.GetProperty("total").GetInt64());

    private static byte[] Body(string action, Action<Utf8JsonWriter> fields) => SdkBody.Build(BenchCluster.Env, action, fields);
}
