using MongoDB.Bson;

namespace ActorCloud.Documents.Bson;

/// <summary>
/// MongoDB's aliases of BSON types (<c>"int"</c>, <c>"long"</c>, <c>"objectId"</c>, …): what <c>$type</c> reports and
/// accepts, what <c>$jsonSchema</c>'s <c>bsonType</c> names, and the word MongoDB's error messages use.
/// </summary>
public static class BsonTypeNames
{
    private static readonly Dictionary<BsonType, string> NameByType = new()
    {
        [BsonType.Double] = "double", [BsonType.String] = "string", [BsonType.Document] = "object",
        [BsonType.Array] = "array", [BsonType.Binary] = "binData", [BsonType.Undefined] = "undefined",
        [BsonType.ObjectId] = "objectId", [BsonType.Boolean] = "bool", [BsonType.DateTime] = "date",
        [BsonType.Null] = "null", [BsonType.RegularExpression] = "regex", [BsonType.JavaScript] = "javascript",
        [BsonType.Symbol] = "symbol", [BsonType.JavaScriptWithScope] = "javascriptWithScope", [BsonType.Int32] = "int",
        [BsonType.Timestamp] = "timestamp", [BsonType.Int64] = "long", [BsonType.Decimal128] = "decimal",
        [BsonType.MinKey] = "minKey", [BsonType.MaxKey] = "maxKey",
    };

    private static readonly Dictionary<string, BsonType> TypeByName =
        NameByType.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static string Of(BsonType type) => NameByType.TryGetValue(type, out var name) ? name : type.ToString();

    public static bool TryParse(string alias, out BsonType type) => TypeByName.TryGetValue(alias, out type);
}
