using System.Globalization;
using System.Text.Json;
using MongoDB.Bson;

namespace ActorCloud.Documents.Bson;

/// <summary>
/// The web SDK's document encoding (cloudbase-web-protocol.md §4), which is not Extended JSON: plain JSON numbers,
/// dates as <c>{"$date": ms}</c>, <c>db.serverDate()</c> as <c>{"$date": {"offset": ms}}</c> and regular expressions
/// as <c>{"$regex", "$options"}</c>. Read into BSON once at the door, so the engine never knows which SDK wrote a query.
/// Replies go out in the same encoding: the SDK turns <c>{"$date": ms}</c> back into a Date and passes everything
/// else through, so types this encoding cannot express are written as relaxed Extended JSON.
/// </summary>
public static class ClientJson
{
    public static BsonDocument ReadDocument(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.Object
            ? (BsonDocument)Read(value, what, 0)
            : throw DocumentException.InvalidParam($"{what} must be a JSON object");

    public static BsonValue Read(JsonElement value, string what) => Read(value, what, 0);

    private static BsonValue Read(JsonElement value, string what, int depth)
    {
        if (depth > Ejson.MaxDepth) throw DocumentException.InvalidParam($"{what} is nested deeper than {Ejson.MaxDepth} levels");
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return ReadSpecial(value, what) ?? ReadObject(value, what, depth);
            case JsonValueKind.Array:
                var array = new BsonArray(value.GetArrayLength());
                foreach (var item in value.EnumerateArray()) array.Add(Read(item, what, depth + 1));
                return array;
            case JsonValueKind.String:
                return new BsonString(value.GetString()!);
            case JsonValueKind.Number:
                if (value.TryGetInt32(out var int32)) return new BsonInt32(int32);
                if (value.TryGetInt64(out var int64)) return new BsonInt64(int64);
                return new BsonDouble(value.GetDouble());
            case JsonValueKind.True:
                return BsonBoolean.True;
            case JsonValueKind.False:
                return BsonBoolean.False;
            default:
                return BsonNull.Value;
        }
    }

    private static BsonDocument ReadObject(JsonElement value, string what, int depth)
    {
        var document = new BsonDocument();
        // JSON.parse keeps the last of repeated names; so do we, rather than failing on BSON's duplicate check.
        foreach (var member in value.EnumerateObject()) document.Set(member.Name, Read(member.Value, what, depth + 1));
        return document;
    }

    /// <summary>The two wrapped types of this encoding, or null for an ordinary object.</summary>
    private static BsonValue? ReadSpecial(JsonElement value, string what)
    {
        if (value.TryGetProperty("$date", out var date) && CountMembers(value) == 1) return ReadDate(date, what);
        if (value.TryGetProperty("$regex", out var pattern) && pattern.ValueKind == JsonValueKind.String)
        {
            var options = value.TryGetProperty("$options", out var o) ? o : default;
            var members = CountMembers(value);
            if (members == 1 || (members == 2 && options.ValueKind == JsonValueKind.String))
                return ReadRegex(pattern.GetString()!, members == 2 ? options.GetString()! : "", what);
        }
        return null;
    }

    private static BsonValue ReadDate(JsonElement date, string what)
    {
        switch (date.ValueKind)
        {
            case JsonValueKind.Number when date.TryGetDouble(out var ms) && double.IsFinite(ms) && Math.Abs(ms) <= MaxDateMillis:
                return new BsonDateTime((long)Math.Truncate(ms));
            case JsonValueKind.Object when date.TryGetProperty("offset", out var offset) && CountMembers(date) == 1:
                if (offset.ValueKind != JsonValueKind.Number || !double.IsFinite(offset.GetDouble()))
                    throw DocumentException.InvalidParam($"{what}: serverDate offset must be a finite number of milliseconds");
                return new BsonDocument(ServerDate.Marker, new BsonDocument("offset", offset.GetDouble()));
            case JsonValueKind.String when DateTimeOffset.TryParse(date.GetString(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var parsed):
                return new BsonDateTime(parsed.UtcDateTime);
            default:
                throw DocumentException.InvalidParam(
                    $"{what}: $date must be milliseconds since the epoch, an ISO date string or {{offset}} of serverDate");
        }
    }

    private static BsonRegularExpression ReadRegex(string pattern, string options, string what)
    {
        if (options.Any(c => "imsxlu".IndexOf(c) < 0))
            throw DocumentException.InvalidParam($"{what}: regular expression options may only be i, m, s, x, l and u, not '{options}'");
        return new BsonRegularExpression(pattern, options);
    }

    private static int CountMembers(JsonElement value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateObject()) count++;
        return count;
    }

    /// <summary>JavaScript's Date range (±10⁸ days), beyond which <c>new Date(ms)</c> is invalid.</summary>
    private const double MaxDateMillis = 8.64e15;

    public static void Write(Utf8JsonWriter writer, BsonValue value)
    {
        switch (value.BsonType)
        {
            case BsonType.Document:
                writer.WriteStartObject();
                foreach (var element in value.AsBsonDocument)
                {
                    writer.WritePropertyName(element.Name);
                    Write(writer, element.Value);
                }
                writer.WriteEndObject();
                break;
            case BsonType.Array:
                writer.WriteStartArray();
                foreach (var item in value.AsBsonArray) Write(writer, item);
                writer.WriteEndArray();
                break;
            case BsonType.String:
                writer.WriteStringValue(value.AsString);
                break;
            case BsonType.Int32:
                writer.WriteNumberValue(value.AsInt32);
                break;
            case BsonType.Int64:
                writer.WriteNumberValue(value.AsInt64);
                break;
            case BsonType.Double when double.IsFinite(value.AsDouble):
                writer.WriteNumberValue(value.AsDouble);
                break;
            case BsonType.Boolean:
                writer.WriteBooleanValue(value.AsBoolean);
                break;
            case BsonType.Null or BsonType.Undefined:
                writer.WriteNullValue();
                break;
            case BsonType.DateTime:
                writer.WriteStartObject();
                writer.WriteNumber("$date", value.AsBsonDateTime.MillisecondsSinceEpoch);
                writer.WriteEndObject();
                break;
            case BsonType.RegularExpression:
                writer.WriteStartObject();
                writer.WriteString("$regex", value.AsBsonRegularExpression.Pattern);
                writer.WriteString("$options", value.AsBsonRegularExpression.Options);
                writer.WriteEndObject();
                break;
            default:
                writer.WriteRawValue(Ejson.ToRelaxed(value));
                break;
        }
    }
}
