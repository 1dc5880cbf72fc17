using System.Text.Json;

namespace ActorCloud.Bench.Indexes;

/// <summary>One index key: a field and CloudBase's direction string (<c>"1"</c>, <c>"-1"</c>).</summary>
public sealed record IndexKey(string Name, string Direction = "1");

/// <summary>
/// Request bodies as <c>@cloudbase/node-sdk</c> 3.18 sends the database actions (EJSON payloads as strings, then the
/// common fields), and the management API's <c>UpdateTable</c> / <c>DescribeTable</c> with their PascalCase members.
/// </summary>
public sealed class IndexBodies(string env)
{
    public byte[] AddCollection(string collection) => Build("database.addCollection", w => w.WriteString("collectionName", collection));

    public byte[] Insert(string collection, IEnumerable<string> ejsonDocuments) => Build("database.insertDocument", w =>
    {
        w.WriteString("collectionName", collection);
        w.WriteStartArray("data");
        foreach (var document in ejsonDocuments) w.WriteStringValue(document);
        w.WriteEndArray();
    });

    public byte[] Where(string collection, string query, string? order, int limit) => Build("database.getDocument", w =>
    {
        w.WriteString("collectionName", collection);
        w.WriteString("queryType", "WHERE");
        w.WriteString("query", query);
        if (order is not null) w.WriteString("order", order);
        w.WriteNumber("limit", limit);
    });

    public byte[] Count(string collection, string query) => Build("database.calculateDocument", w =>
    {
        w.WriteString("collectionName", collection);
        w.WriteString("queryType", "WHERE");
        w.WriteString("query", query);
    });

    /// <summary><c>UpdateTable {TableName, CreateIndexes: [{IndexName, MgoKeySchema: {MgoIsUnique, MgoIndexKeys}}]}</c>.</summary>
    public byte[] CreateIndex(string collection, string name, bool unique, IReadOnlyList<IndexKey> keys) => Build("actorcloud.updateTable", w =>
    {
        w.WriteString("TableName", collection);
        w.WriteStartArray("CreateIndexes");
        w.WriteStartObject();
        w.WriteString("IndexName", name);
        w.WriteStartObject("MgoKeySchema");
        w.WriteBoolean("MgoIsUnique", unique);
        w.WriteStartArray("MgoIndexKeys");
        foreach (var key in keys)
        {
            w.WriteStartObject();
            w.WriteString("Name", key.Name);
            w.WriteString("Direction", key.Direction);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
    });

    public byte[] DescribeTable(string collection) => Build("actorcloud.describeTable", w => w.WriteString("TableName", collection));

    private byte[] Build(string action, Action<Utf8JsonWriter> fields) => SdkBody.Build(env, action, fields);
}
