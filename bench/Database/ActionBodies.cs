using System.Text.Json;

namespace ActorCloud.Bench.Database;

/// <summary>
/// Request bodies byte for byte as <c>@cloudbase/node-sdk</c> 3.18 sends them (cloudbase-protocol.md §2.6, §3.4):
/// the action's fields, EJSON payloads as strings, then the common fields every action carries.
/// </summary>
public sealed class ActionBodies(string env)
{
    public byte[] AddCollection(string collection) => Build("database.addCollection", w => w.WriteString("collectionName", collection));

    /// <summary>The management API's shape: PascalCase members.</summary>
    public byte[] SetPermission(string collection, string aclTag) => Build("actorcloud.modifyDatabaseACL", w =>
    {
        w.WriteString("CollectionName", collection);
        w.WriteString("AclTag", aclTag);
    });

    public byte[] Insert(string collection, IEnumerable<string> ejsonDocuments) => Build("database.insertDocument", w =>
    {
        w.WriteString("collectionName", collection);
        w.WriteStartArray("data");
        foreach (var document in ejsonDocuments) w.WriteStringValue(document);
        w.WriteEndArray();
    });

    public byte[] GetById(string collection, string id) => Build("database.getDocument", w =>
    {
        w.WriteString("collectionName", collection);
        w.WriteString("query", IdQuery(id));
        w.WriteString("queryType", "DOC");
        w.WriteBoolean("multi", false);
    });

    public byte[] Where(string collection, string query, string? order, int limit) => Build("database.getDocument", w =>
    {
        w.WriteString("collectionName", collection);
        w.WriteString("queryType", "WHERE");
        w.WriteString("query", query);
        if (order is not null) w.WriteString("order", order);
        w.WriteNumber("limit", limit);
    });

    public byte[] UpdateById(string collection, string id, string update) => Build("database.modifyDocument", w =>
    {
        w.WriteString("collectionName", collection);
        w.WriteString("queryType", "DOC");
        w.WriteBoolean("multi", false);
        w.WriteBoolean("merge", true);
        w.WriteBoolean("upsert", false);
        w.WriteString("query", IdQuery(id));
        w.WriteString("data", update);
    });

    public byte[] Count(string collection, string query) => Build("database.calculateDocument", w =>
    {
        w.WriteString("collectionName", collection);
        w.WriteString("queryType", "WHERE");
        w.WriteString("query", query);
    });

    private static string IdQuery(string id) => JsonSerializer.Serialize(new Dictionary<string, string> { ["_id"] = id });

    private byte[] Build(string action, Action<Utf8JsonWriter> fields) => SdkBody.Build(env, action, fields);
}
