using System.Text.Json;
using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Api.Gateway.Database;

/// <summary>
/// Document ids in plain-JSON reply fields (<c>insertedIds</c>, <c>upsert_id</c>), which the SDK does not run
/// through EJSON: strings and numbers as themselves, ObjectIds as their hex, anything else as relaxed EJSON.
/// </summary>
public static class IdJson
{
    public static void Write(Utf8JsonWriter writer, BsonValue id)
    {
        switch (id.BsonType)
        {
            case BsonType.String:
                writer.WriteStringValue(id.AsString);
                break;
            case BsonType.Int32:
                writer.WriteNumberValue(id.AsInt32);
                break;
            case BsonType.Int64:
                writer.WriteNumberValue(id.AsInt64);
                break;
            case BsonType.Double when double.IsFinite(id.AsDouble):
                writer.WriteNumberValue(id.AsDouble);
                break;
            case BsonType.ObjectId:
                writer.WriteStringValue(id.AsObjectId.ToString());
                break;
            default:
                writer.WriteRawValue(Ejson.ToRelaxed(id));
                break;
        }
    }
}
