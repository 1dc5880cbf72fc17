using MongoDB.Bson;

namespace ActorCloud.Documents.Bson;

/// <summary>
/// What a stored document must satisfy: MongoDB's key rules (no empty keys, no <c>$</c>-prefixed or dotted
/// keys, which queries and updates would read as operators or paths), a usable <c>_id</c>, at most
/// <see cref="Ejson.MaxDepth"/> levels and at most 16 MB of BSON.
/// </summary>
public static class DocumentRules
{
    public const int MaxDocumentBytes = 16 * 1024 * 1024;

    /// <summary>Validates a document about to be stored and returns its BSON bytes (what the event carries).</summary>
    public static byte[] ValidateForStorage(BsonDocument document)
    {
        if (document.TryGetValue("_id", out var id)) ValidateId(id);
        ValidateKeys(document, 1);
        var bytes = BsonBytes.Of(document);
        if (bytes.Length > MaxDocumentBytes)
            throw DocumentException.InvalidParam($"document is {bytes.Length} bytes; the limit is {MaxDocumentBytes} bytes (16 MB)");
        return bytes;
    }

    public static void ValidateId(BsonValue id)
    {
        switch (id.BsonType)
        {
            case BsonType.Array or BsonType.RegularExpression or BsonType.Undefined or BsonType.Null:
                throw DocumentException.InvalidParam($"_id cannot be of type {id.BsonType}");
            case BsonType.String when id.AsString.Length == 0:
                throw DocumentException.InvalidParam("_id must not be an empty string");
            case BsonType.Document:
                ValidateKeys(id.AsBsonDocument, 2);
                break;
        }
    }

    private static void ValidateKeys(BsonDocument document, int depth)
    {
        if (depth > Ejson.MaxDepth) throw DocumentException.InvalidParam($"document nests deeper than {Ejson.MaxDepth} levels");
        foreach (var element in document)
        {
            var name = element.Name;
            if (name.Length == 0) throw DocumentException.InvalidParam("document keys must not be empty");
            if (name[0] == '$') throw DocumentException.InvalidParam($"document key '{name}' must not start with '$'");
            if (name.Contains('.')) throw DocumentException.InvalidParam($"document key '{name}' must not contain '.'");
            ValidateValue(element.Value, depth);
        }
    }

    private static void ValidateValue(BsonValue value, int depth)
    {
        switch (value)
        {
            case BsonDocument sub:
                ValidateKeys(sub, depth + 1);
                break;
            case BsonArray array:
                if (depth + 1 > Ejson.MaxDepth) throw DocumentException.InvalidParam($"document nests deeper than {Ejson.MaxDepth} levels");
                foreach (var item in array) ValidateValue(item, depth + 1);
                break;
            case BsonUndefined:
                throw DocumentException.InvalidParam("undefined is not a storable value");
        }
    }
}
