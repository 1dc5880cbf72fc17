using System.Text.Json;
using ActorCloud.Documents;
using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Api.Gateway;

/// <summary>
/// Typed access to the fields of a gateway request body. Every accessor checks the field's type and answers
/// a wrong one with <c>INVALID_PARAM</c> naming the field, so handlers never see malformed input.
/// </summary>
public sealed class GatewayRequest(JsonElement body)
{
    /// <summary>The body as it came (a TC3 signature covers it byte for byte).</summary>
    public JsonElement Body => body;

    public string RequiredString(string name) =>
        OptionalString(name) is { Length: > 0 } value ? value : throw Invalid($"{name} is required");

    public string? OptionalString(string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Invalid($"{name} must be a string");
    }

    public bool Bool(string name, bool fallback)
    {
        if (!body.TryGetProperty(name, out var value)) return fallback;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => fallback,
            _ => throw Invalid($"{name} must be a boolean"),
        };
    }

    /// <summary>An optional integer within [min, max]; a fraction, a string or an out-of-range value is refused.</summary>
    public int? Int(string name, int min, int max)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
            throw Invalid($"{name} must be an integer");
        if (number < min || number > max) throw Invalid($"{name} must be between {min} and {max}");
        return (int)number;
    }

    /// <summary>A required, non-empty array of at most <paramref name="max"/> items (CloudBase's batch limits).</summary>
    public IReadOnlyList<JsonElement> Array(string name, int max)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
            throw Invalid($"{name} must be a non-empty array");
        if (value.GetArrayLength() > max) throw Invalid($"{name} may hold at most {max} items");
        return value.EnumerateArray().ToList();
    }

    /// <summary>A member as it is, for shapes richer than the accessors above; null when absent or null.</summary>
    public JsonElement? Element(string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public bool Has(string name) => body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>
    /// An EJSON object field. The SDK sends EJSON strings; a JSON object is read as EJSON too. An absent or
    /// empty field is <paramref name="fallback"/> (the SDK sends <c>""</c> for an unfiltered remove).
    /// </summary>
    public BsonDocument? Ejson(string name, BsonDocument? fallback = null)
    {
        if (!body.TryGetProperty(name, out var value)) return fallback;
        return value.ValueKind switch
        {
            JsonValueKind.Null => fallback,
            JsonValueKind.String when value.GetString() is { Length: 0 } => fallback,
            _ => ParseDocument(value, name) ?? throw Invalid($"{name} must be an Extended JSON object string"),
        };
    }

    public BsonDocument RequiredEjson(string name) => Ejson(name) ?? throw Invalid($"{name} is required");

    /// <summary>An array of EJSON objects (each a string, as the SDK sends them, or an object).</summary>
    public IReadOnlyList<BsonDocument> EjsonArray(string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
            throw Invalid($"{name} must be an array of documents");
        var documents = new List<BsonDocument>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var label = $"{name}[{index++}]";
            documents.Add(ParseDocument(item, label) ?? throw Invalid($"{label} must be a document"));
        }
        return documents;
    }

    /// <summary>An EJSON object given as a string (as the SDK sends it) or as a JSON object; null for anything else.</summary>
    private static BsonDocument? ParseDocument(JsonElement value, string label) => value.ValueKind switch
    {
        JsonValueKind.String => Documents.Bson.Ejson.ParseDocument(value.GetString()!, label),
        JsonValueKind.Object => Documents.Bson.Ejson.ParseDocument(value.GetRawText(), label),
        _ => null,
    };

    private static GatewayError Invalid(string message) => new(ErrorCodes.InvalidParam, message);
}
