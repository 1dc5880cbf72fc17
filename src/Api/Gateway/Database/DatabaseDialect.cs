using System.Text.Json;
using ActorCloud.Documents;
using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Api.Gateway.Database;

/// <summary>
/// How one SDK family spells the database actions' documents. The admin SDKs (<c>/admin</c>) send and expect
/// Extended JSON strings; the web SDK (<c>/web</c>) plain JSON objects with its own date and regex wrappers, and its
/// order as a list. Everything past this class — validation, permissions, the collection entity — is shared.
/// </summary>
public abstract class DatabaseDialect
{
    public static readonly DatabaseDialect Admin = new AdminDialect();
    public static readonly DatabaseDialect Client = new ClientDialect();

    /// <summary>An optional document field (<c>query</c>, <c>data</c>, <c>projection</c>); absent or empty gives the fallback.</summary>
    public abstract BsonDocument? Document(GatewayRequest request, string name, BsonDocument? fallback = null);

    /// <summary>The documents of an insert, and whether the caller sent one document rather than a list.</summary>
    public abstract (IReadOnlyList<BsonDocument> Documents, bool Single) Inserted(GatewayRequest request);

    /// <summary>The sort, as the engine's order document (<c>{field: 1|-1}</c>, in significance order).</summary>
    public abstract BsonDocument? Order(GatewayRequest request);

    /// <summary>One document of a query's <c>list</c>.</summary>
    public abstract void WriteDocument(Utf8JsonWriter writer, BsonDocument document);

    /// <summary>An aggregate's results: the admin SDKs read a list of EJSON strings, the web SDK that list as one JSON string.</summary>
    public abstract void WriteAggregateList(Utf8JsonWriter writer, IReadOnlyList<BsonDocument> documents);

    /// <summary>
    /// An aggregate's <c>stages</c>: <c>[{stageKey: "$match", stageValue: "&lt;JSON text&gt;"}]</c>, each becoming the
    /// stage document <c>{"$match": value}</c>. The text is EJSON from the admin SDKs and plain JSON from the web SDK.
    /// </summary>
    public IReadOnlyList<BsonDocument> Stages(GatewayRequest request) =>
        [.. StageList(request).Select((stage, i) =>
        {
            if (stage.ValueKind != JsonValueKind.Object
                || !stage.TryGetProperty("stageKey", out var key) || key.ValueKind != JsonValueKind.String
                || key.GetString() is not { Length: > 1 } name || name[0] != '$'
                || !stage.TryGetProperty("stageValue", out var value))
                throw new GatewayError(ErrorCodes.InvalidParam, $"stages[{i}] must be {{stageKey: \"$stage\", stageValue}}");
            return new BsonDocument(name, StageValue(value, $"stages[{i}] ({name})"));
        })];

    /// <summary>An empty pipeline is allowed (<c>aggregate().end()</c>): it answers the collection's documents.</summary>
    private static IEnumerable<JsonElement> StageList(GatewayRequest request) =>
        request.Element("stages") is { ValueKind: JsonValueKind.Array } stages
            ? stages.EnumerateArray()
            : throw new GatewayError(ErrorCodes.InvalidParam, "stages must be an array of {stageKey, stageValue}");

    private BsonValue StageValue(JsonElement value, string what)
    {
        if (value.ValueKind != JsonValueKind.String) return ReadValue(value, what);
        try
        {
            using var parsed = JsonDocument.Parse(value.GetString()!, new JsonDocumentOptions { MaxDepth = Ejson.MaxDepth + 1 });
            return ReadValue(parsed.RootElement, what);
        }
        catch (JsonException e)
        {
            throw new GatewayError(ErrorCodes.InvalidParam, $"{what}: stageValue is not JSON: {e.Message}");
        }
    }

    /// <summary>One JSON value of this dialect.</summary>
    protected abstract BsonValue ReadValue(JsonElement value, string what);

    public BsonDocument RequiredDocument(GatewayRequest request, string name) =>
        Document(request, name) ?? throw new GatewayError(ErrorCodes.InvalidParam, $"{name} is required");

    private sealed class AdminDialect : DatabaseDialect
    {
        public override BsonDocument? Document(GatewayRequest request, string name, BsonDocument? fallback = null) =>
            request.Ejson(name, fallback);

        public override (IReadOnlyList<BsonDocument>, bool) Inserted(GatewayRequest request) => (request.EjsonArray("data"), false);

        public override BsonDocument? Order(GatewayRequest request) => request.Ejson("order");

        public override void WriteDocument(Utf8JsonWriter writer, BsonDocument document) =>
            writer.WriteStringValue(Ejson.ToCanonical(document));

        public override void WriteAggregateList(Utf8JsonWriter writer, IReadOnlyList<BsonDocument> documents)
        {
            writer.WriteStartArray("list");
            foreach (var document in documents) WriteDocument(writer, document);
            writer.WriteEndArray();
        }

        protected override BsonValue ReadValue(JsonElement value, string what) =>
            Ejson.ParseDocument($"{{\"v\":{value.GetRawText()}}}", what)["v"];
    }

    private sealed class ClientDialect : DatabaseDialect
    {
        public override BsonDocument? Document(GatewayRequest request, string name, BsonDocument? fallback = null) =>
            request.Element(name) is { } value && !IsEmptyString(value) ? ClientJson.ReadDocument(value, name) : fallback;

        public override (IReadOnlyList<BsonDocument>, bool) Inserted(GatewayRequest request)
        {
            var data = request.Element("data") ?? throw new GatewayError(ErrorCodes.InvalidParam, "data is required");
            if (data.ValueKind == JsonValueKind.Object) return ([ClientJson.ReadDocument(data, "data")], true);
            if (data.ValueKind != JsonValueKind.Array)
                throw new GatewayError(ErrorCodes.InvalidParam, "data must be a document or an array of documents");
            return ([.. data.EnumerateArray().Select((item, i) => ClientJson.ReadDocument(item, $"data[{i}]"))], false);
        }

        /// <summary><c>[{field, direction: "asc"|"desc"}]</c>; a field named twice keeps its first place and last direction.</summary>
        public override BsonDocument? Order(GatewayRequest request)
        {
            if (request.Element("order") is not { } order) return null;
            if (order.ValueKind != JsonValueKind.Array)
                throw new GatewayError(ErrorCodes.InvalidParam, "order must be a list of {field, direction}");
            var spec = new BsonDocument();
            foreach (var item in order.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("field", out var field) || field.ValueKind != JsonValueKind.String
                    || field.GetString() is not { Length: > 0 } name)
                    throw new GatewayError(ErrorCodes.InvalidParam, "each order item needs a field name");
                var direction = item.TryGetProperty("direction", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                spec.Set(name, direction switch
                {
                    "asc" => 1,
                    "desc" => -1,
                    _ => throw new GatewayError(ErrorCodes.InvalidParam, $"order direction of '{name}' must be asc or desc"),
                });
            }
            return spec;
        }

        public override void WriteDocument(Utf8JsonWriter writer, BsonDocument document) => ClientJson.Write(writer, document);

        /// <summary>The web SDK runs <c>JSON.parse(list).map(EJSON.parse)</c>.</summary>
        public override void WriteAggregateList(Utf8JsonWriter writer, IReadOnlyList<BsonDocument> documents) =>
            writer.WriteString("list", JsonSerializer.Serialize(documents.Select(Ejson.ToCanonical)));

        protected override BsonValue ReadValue(JsonElement value, string what) => ClientJson.Read(value, what);

        private static bool IsEmptyString(JsonElement value) => value.ValueKind == JsonValueKind.String && value.GetString() is "";
    }
}
