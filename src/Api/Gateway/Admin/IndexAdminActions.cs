using System.Text.Json;
using ActorCloud.Actors.Collections;
using ActorCloud.Api.Gateway.Database;
using ActorCloud.Documents;
using ActorCloud.Documents.Indexes;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Api.Gateway.Admin;

/// <summary>
/// A collection's indexes in the management API's shapes (cloudbase-manager-protocol.md §4): <c>UpdateTable</c> with
/// <c>CreateIndexes</c> (<c>{IndexName, MgoKeySchema: {MgoIsUnique, MgoIndexKeys: [{Name, Direction}]}}</c>) and/or
/// <c>DropIndexes</c> (<c>{IndexName}</c>), and <c>DescribeTable</c>. Creating runs before dropping, each all or nothing.
/// </summary>
public sealed class IndexAdminActions(CollectionClient collections)
{
    public async Task<GatewayReply> UpdateTableAsync(ActionContext context)
    {
        var id = CollectionId(context);
        var create = context.Request.Element("CreateIndexes") is { } c ? Items(c, "CreateIndexes").Select(Definition).ToList() : [];
        var drop = context.Request.Element("DropIndexes") is { } d ? Items(d, "DropIndexes").Select(IndexName).ToList() : [];
        if (create.Count == 0 && drop.Count == 0)
            throw new GatewayError(ErrorCodes.InvalidParam, "UpdateTable needs CreateIndexes or DropIndexes");
        if (create.Count > 0) await collections.AskAsync<Done>(new CreateIndexes(id, context.Caller, create), context.Cancellation);
        if (drop.Count > 0) await collections.AskAsync<Done>(new DropIndexes(id, context.Caller, drop), context.Cancellation);
        return GatewayReply.Empty;
    }

    /// <summary>The <c>_id</c> index first, as CloudBase lists it; <c>Size</c> is the index's number of entries here.</summary>
    public async Task<GatewayReply> DescribeTableAsync(ActionContext context)
    {
        var reply = await collections.AskAsync<IndexesReply>(new DescribeIndexes(CollectionId(context)), context.Cancellation);
        return new GatewayReply(w =>
        {
            w.WriteStartArray("Indexes");
            Write(w, new IndexDefinition(IndexSpec.IdIndexName, [new IndexKeyDefinition("_id", "1")], true), null, false);
            foreach (var index in reply.Indexes) Write(w, index.Index, index.Entries, index.Multikey);
            w.WriteEndArray();
            w.WriteNumber("IndexNum", reply.Indexes.Count + 1);
        });
    }

    private static void Write(Utf8JsonWriter w, IndexDefinition index, long? entries, bool multikey)
    {
        w.WriteStartObject();
        w.WriteString("Name", index.Name);
        w.WriteStartArray("Keys");
        foreach (var key in index.Keys)
        {
            w.WriteStartObject();
            w.WriteString("Name", key.Name);
            w.WriteString("Direction", key.Direction);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteBoolean("Unique", index.Unique);
        if (entries is { } size) w.WriteNumber("Size", size);
        w.WriteBoolean("Multikey", multikey);
        w.WriteStartObject("Accesses");
        w.WriteNumber("Ops", 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static IndexDefinition Definition(JsonElement item)
    {
        var name = IndexName(item);
        if (!item.TryGetProperty("MgoKeySchema", out var schema) || schema.ValueKind != JsonValueKind.Object
            || !schema.TryGetProperty("MgoIndexKeys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            throw new GatewayError(ErrorCodes.InvalidParam, $"index '{name}' needs MgoKeySchema.MgoIndexKeys");
        var unique = schema.TryGetProperty("MgoIsUnique", out var u) && u.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            _ => throw new GatewayError(ErrorCodes.InvalidParam, $"index '{name}': MgoIsUnique must be a boolean"),
        };
        var definition = new IndexDefinition(name, [.. keys.EnumerateArray().Select(key => new IndexKeyDefinition(
            Text(key, "Name", $"index '{name}' key"), Direction(key, name)))], unique);
        definition.ToSpec();
        return definition;
    }

    /// <summary>CloudBase sends directions as strings; numbers are accepted too.</summary>
    private static string Direction(JsonElement key, string index) =>
        key.TryGetProperty("Direction", out var d) ? d.ValueKind switch
        {
            JsonValueKind.String => d.GetString()!,
            JsonValueKind.Number => d.GetRawText(),
            _ => throw new GatewayError(ErrorCodes.InvalidParam, $"index '{index}': Direction must be \"1\", \"-1\" or \"2dsphere\""),
        } : throw new GatewayError(ErrorCodes.InvalidParam, $"index '{index}': every key needs a Direction");

    private static string IndexName(JsonElement item) => Text(item, "IndexName", "an index");

    private static string Text(JsonElement item, string member, string what) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 } text
            ? text
            : throw new GatewayError(ErrorCodes.InvalidParam, $"{what} needs {member}");

    private static IEnumerable<JsonElement> Items(JsonElement list, string name) =>
        list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : throw new GatewayError(ErrorCodes.InvalidParam, $"{name} must be a list");

    private static string CollectionId(ActionContext context) =>
        CollectionClient.EntityId(context.Env, context.Request.OptionalString("TableName") ?? context.Request.RequiredString("CollectionName"));
}
