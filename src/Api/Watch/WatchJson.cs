using System.Text;
using System.Text.Json;
using ActorCloud.Api.Gateway.Database;
using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Api.Watch;

/// <summary>
/// Documents as the realtime client reads them: with a plain <c>JSON.parse</c>, no EJSON revival. So numbers are bare,
/// dates are <c>{"$date": ms}</c> (what CloudBase's realtime server sends), other BSON types their relaxed EJSON form,
/// and the top-level <c>_id</c> is written as in <see cref="IdJson"/>, so it compares equal (<c>===</c>) to the
/// event's <c>DocID</c>, which the client matches documents by.
/// </summary>
public static class WatchJson
{
    public static string Document(BsonDocument document) => Text(writer =>
    {
        writer.WriteStartObject();
        foreach (var element in document)
        {
            writer.WritePropertyName(element.Name);
            if (element.Name == "_id") IdJson.Write(writer, element.Value);
            else Value(writer, element.Value);
        }
        writer.WriteEndObject();
    });

    /// <summary>An <c>UpdatedFields</c> object: dotted paths to their new values.</summary>
    public static string Fields(IReadOnlyList<KeyValuePair<string, BsonValue>> fields) => Text(writer =>
    {
        writer.WriteStartObject();
        foreach (var (path, value) in fields)
        {
            writer.WritePropertyName(path);
            Value(writer, value);
        }
        writer.WriteEndObject();
    });

    public static string Paths(IReadOnlyList<string> paths) => JsonSerializer.Serialize(paths);

    public static void Value(Utf8JsonWriter writer, BsonValue value)
    {
        switch (value)
        {
            case BsonDocument document:
                writer.WriteStartObject();
                foreach (var element in document)
                {
                    writer.WritePropertyName(element.Name);
                    Value(writer, element.Value);
                }
                writer.WriteEndObject();
                break;
            case BsonArray array:
                writer.WriteStartArray();
                foreach (var item in array) Value(writer, item);
                writer.WriteEndArray();
                break;
            case BsonString s:
                writer.WriteStringValue(s.Value);
                break;
            case BsonBoolean b:
                writer.WriteBooleanValue(b.Value);
                break;
            case BsonInt32 i:
                writer.WriteNumberValue(i.Value);
                break;
            case BsonInt64 l:
                writer.WriteNumberValue(l.Value);
                break;
            case BsonDouble d when double.IsFinite(d.Value):
                writer.WriteNumberValue(d.Value);
                break;
            case BsonDateTime date:
                writer.WriteStartObject();
                writer.WriteNumber("$date", date.MillisecondsSinceEpoch);
                writer.WriteEndObject();
                break;
            case BsonNull or BsonUndefined:
                writer.WriteNullValue();
                break;
            default:
                writer.WriteRawValue(Ejson.ToRelaxed(value));
                break;
        }
    }

    private static string Text(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
