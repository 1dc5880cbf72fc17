using System.Text.Json;
using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Collections;
using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Transactions;
using MongoDB.Bson;
using static ActorCloud.Actors.Collections.CollectionEvents;

namespace ActorCloud.Api.History;

/// <summary>
/// One journal event as a line of history: its sequence number (and, in an environment's feed, its offset), the
/// entity, time, operation, affected ids, who did it, and the data that makes it reproducible — documents and
/// updates as relaxed Extended JSON objects (numbers typed only where JSON cannot say it).
/// </summary>
public static class HistoryJson
{
    public static void Write(Utf8JsonWriter w, string persistenceId, long sequenceNr, object payload, long? offset = null)
    {
        w.WriteStartObject();
        if (offset is not null) w.WriteNumber("offset", offset.Value);
        w.WriteNumber("seq", sequenceNr);
        var dash = persistenceId.IndexOf('-');
        w.WriteString("entity", dash < 0 ? "" : persistenceId[..dash]);
        w.WriteString("name", dash < 0 ? persistenceId : persistenceId[(dash + 1)..]);
        switch (payload)
        {
            case ICollectionEvent e:
                WriteCollectionEvent(w, e);
                break;
            default:
                w.WriteString("op", payload.GetType().Name);
                if (payload.GetType().GetProperty("At")?.GetValue(payload) is DateTime at) w.WriteString("at", at);
                if (payload.GetType().GetProperty("By")?.GetValue(payload) is Caller by) WriteCaller(w, by);
                break;
        }
        w.WriteEndObject();
    }

    /// <summary>The ids an event touched (an insert's documents' ids; none for collection-level events).</summary>
    public static IEnumerable<BsonValue> IdsOf(ICollectionEvent e) => e switch
    {
        DocumentsInserted i => i.Documents.Select(bytes => BsonBytes.Read(bytes)["_id"]),
        DocumentsUpdated u => IdList.Read(u.Ids),
        DocumentReplaced r => [BsonBytes.Read(r.Document)["_id"]],
        DocumentsRemoved r => IdList.Read(r.Ids),
        TransactionPrepared p => p.Writes.Select(bytes => TransactionWrite.FromBytes(bytes).Id),
        _ => [],
    };

    private static void WriteCollectionEvent(Utf8JsonWriter w, ICollectionEvent e)
    {
        w.WriteString("at", e.At);
        w.WriteString("op", e switch
        {
            CollectionCreated => "create",
            CollectionDropped => "drop",
            PermissionChanged => "permission",
            DocumentsInserted => "insert",
            DocumentsUpdated => "update",
            DocumentReplaced => "replace",
            DocumentsRemoved => "remove",
            IndexCreated => "createIndex",
            IndexDropped => "dropIndex",
            TransactionPrepared => "prepare",
            TransactionResolved => "resolve",
            _ => e.GetType().Name,
        });
        WriteCaller(w, e.By);
        if (e is not (CollectionCreated or CollectionDropped or PermissionChanged or IndexCreated or IndexDropped or TransactionResolved))
        {
            w.WriteStartArray("ids");
            foreach (var id in IdsOf(e)) WriteRelaxed(w, id);
            w.WriteEndArray();
        }
        switch (e)
        {
            case DocumentsInserted inserted:
                w.WriteStartArray("documents");
                foreach (var bytes in inserted.Documents) WriteRelaxed(w, BsonBytes.Read(bytes));
                w.WriteEndArray();
                break;
            case DocumentsUpdated updated:
                w.WritePropertyName("update");
                WriteRelaxed(w, BsonBytes.Read(updated.Update));
                break;
            case DocumentReplaced replaced:
                w.WritePropertyName("document");
                WriteRelaxed(w, BsonBytes.Read(replaced.Document));
                w.WriteBoolean("created", replaced.Created);
                break;
            case PermissionChanged changed:
                w.WriteString("aclTag", changed.Permission.AclTag);
                if (changed.Permission.Rule is { } rule) w.WriteString("rule", rule);
                break;
            case IndexCreated created:
                w.WriteStartObject("index");
                w.WriteString("name", created.Index.Name);
                w.WriteStartObject("keys");
                foreach (var key in created.Index.Keys) w.WriteString(key.Name, key.Direction);
                w.WriteEndObject();
                w.WriteBoolean("unique", created.Index.Unique);
                w.WriteEndObject();
                break;
            case IndexDropped dropped:
                w.WriteString("name", dropped.Name);
                break;
            case TransactionPrepared prepared:
                w.WriteString("transactionId", prepared.TransactionId);
                break;
            case TransactionResolved resolved:
                w.WriteString("transactionId", resolved.TransactionId);
                w.WriteBoolean("committed", resolved.Committed);
                break;
        }
    }

    private static void WriteCaller(Utf8JsonWriter w, Caller by)
    {
        w.WriteStartObject("by");
        w.WriteString("kind", by.Kind);
        if (by.KeyId is not null) w.WriteString("keyId", by.KeyId);
        if (by.Function is not null) w.WriteString("function", by.Function);
        if (by.Invocation is not null) w.WriteString("invocation", by.Invocation);
        if (by.Uid is not null) w.WriteString("uid", by.Uid);
        if (by.Openid is not null) w.WriteString("openid", by.Openid);
        w.WriteEndObject();
    }

    private static void WriteRelaxed(Utf8JsonWriter w, BsonValue value) => w.WriteRawValue(Ejson.ToRelaxed(value));
}
