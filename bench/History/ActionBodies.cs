using System.Text.Json;

namespace ActorCloud.Bench.History;

/// <summary>
/// Request bodies as <c>@cloudbase/node-sdk</c> 3.18 sends them (cloudbase-protocol.md §2.6, §3.4): the action's
/// fields, EJSON payloads as strings, then the common fields every action carries. The as-of members are
/// ActorCloud's own (<c>src/Api/History/PastReads.cs</c>).
/// </summary>
public sealed class ActionBodies(string env)
{
    public byte[] AddCollection(string collection) => Build("database.addCollection", w => w.WriteString("collectionName", collection));

    public byte[] Insert(string collection, string ejsonDocument) => Build("database.insertDocument", w =>
    {
        w.WriteString("collectionName", collection);
        w.WriteStartArray("data");
        w.WriteStringValue(ejsonDocument);
        w.WriteEndArray();
    });

    public byte[] UpdateById(string collection, string id, string update) => Build("database.modifyDocument", w =>
    {
        w.WriteString("collectionName", collection);
        w.WriteString("queryType", "DOC");
        w.WriteBoolean("multi", false);
        w.WriteBoolean("merge", true);
        w.WriteBoolean("upsert", false);
        w.WriteString("query", Ejson.IdQuery(id));
        w.WriteString("data", update);
    });

    public byte[] RemoveById(string collection, string id) => Build("database.removeDocument", w =>
    {
        w.WriteString("collectionName", collection);
        w.WriteString("queryType", "DOC");
        w.WriteBoolean("multi", false);
        w.WriteString("query", Ejson.IdQuery(id));
    });

    /// <summary><c>collection.skip(offset).limit(limit).get()</c>: the documents in storage order.</summary>
    public byte[] Page(string collection, int offset, int limit) => Build("database.getDocument", w =>
    {
        w.WriteString("collectionName", collection);
        w.WriteString("queryType", "WHERE");
        w.WriteString("query", "{}");
        w.WriteNumber("offset", offset);
        w.WriteNumber("limit", limit);
    });

    /// <summary><c>collection.count()</c>, live or, with <paramref name="asOf"/>, as the collection was then.</summary>
    public byte[] Count(string collection, AsOf? asOf = null) => Build("database.calculateDocument", w =>
    {
        w.WriteString("collectionName", collection);
        w.WriteString("queryType", "WHERE");
        w.WriteString("query", "{}");
        if (asOf?.Seq is { } seq) w.WriteNumber("asOfSeq", seq);
        if (asOf?.Time is { } time) w.WriteString("asOfTime", time);
    });

    /// <summary>What node-sdk asks before opening a realtime socket (§3.9 step 1); its <c>runtime</c> is unset there, so absent.</summary>
    public byte[] WsWebSign() => Build("auth.wsWebSign", _ => { });

    private byte[] Build(string action, Action<Utf8JsonWriter> fields) => SdkBody.Build(env, action, fields);
}

/// <summary>A point in a collection's history: after event <see cref="Seq"/>, or as it stood at <see cref="Time"/> (ISO 8601).</summary>
public sealed record AsOf(long? Seq, string? Time);
