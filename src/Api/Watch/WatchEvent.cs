using System.Text.Json;
using ActorCloud.Api.Gateway.Database;
using MongoDB.Bson;

namespace ActorCloud.Api.Watch;

/// <summary>
/// One entry of a realtime event batch, its JSON texts rendered once (a batch goes out live and may go out again to a
/// resuming client). <see cref="DataType"/> says what happened to the document, <see cref="QueueType"/> what the
/// client does with its list: append (<c>enqueue</c>), drop (<c>dequeue</c>), replace in place (<c>update</c>), or
/// start afresh (<c>init</c>). <see cref="Doc"/> is the whole document after the change (null for a removal).
/// </summary>
public sealed record WatchEvent(
    string DataType, string QueueType, BsonValue DocId, string? Doc, string? UpdatedFields = null, string? RemovedFields = null)
{
    public const string Init = "init";
    public const string Add = "add";
    public const string Update = "update";
    public const string Replace = "replace";
    public const string Remove = "remove";
    public const string Limit = "limit";
    public const string Enqueue = "enqueue";
    public const string Dequeue = "dequeue";

    /// <summary>Roughly what the event weighs in memory, for bounding a watch's history.</summary>
    public int Weight => 64 + (Doc?.Length ?? 0) + (UpdatedFields?.Length ?? 0) + (RemovedFields?.Length ?? 0);

    public static WatchEvent Initial(BsonDocument document) => new(Init, Init, document["_id"], WatchJson.Document(document));

    public static WatchEvent WithDocument(string dataType, string queueType, BsonDocument document, DocumentDiff? diff = null) =>
        new(dataType, queueType, document["_id"], WatchJson.Document(document),
            diff is null ? null : WatchJson.Fields(diff.Updated), diff is null ? null : WatchJson.Paths(diff.Removed));

    public static WatchEvent Removed(BsonValue id) => new(Remove, Dequeue, id, Doc: null);

    /// <summary>The event as the client parses it: <c>removedFields</c> is lower-case, as the client reads it.</summary>
    public void Write(Utf8JsonWriter writer, long id)
    {
        writer.WriteStartObject();
        writer.WriteNumber("ID", id);
        writer.WriteString("DataType", DataType);
        writer.WriteString("QueueType", QueueType);
        writer.WritePropertyName("DocID");
        IdJson.Write(writer, DocId);
        if (Doc is not null) writer.WriteString("Doc", Doc);
        if (UpdatedFields is not null) writer.WriteString("UpdatedFields", UpdatedFields);
        if (RemovedFields is not null) writer.WriteString("removedFields", RemovedFields);
        writer.WriteEndObject();
    }
}
