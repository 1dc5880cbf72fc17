using System.Text.Json;
using System.Text.Json.Serialization;
using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Actors.Serialization;

/// <summary>BSON documents inside messages travel as base64 of their BSON bytes: exact types, no EJSON round trip.</summary>
internal sealed class BsonDocumentJsonConverter : JsonConverter<BsonDocument>
{
    public override BsonDocument Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        BsonBytes.Read(reader.GetBytesFromBase64());

    public override void Write(Utf8JsonWriter writer, BsonDocument value, JsonSerializerOptions options) =>
        writer.WriteBase64StringValue(BsonBytes.Of(value));
}

/// <summary>A single BSON value (an id) travels wrapped as <c>{v: value}</c> in BSON, base64-encoded.</summary>
internal sealed class BsonValueJsonConverter : JsonConverter<BsonValue>
{
    public override bool CanConvert(Type typeToConvert) => typeof(BsonValue).IsAssignableFrom(typeToConvert);

    public override BsonValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        BsonBytes.Read(reader.GetBytesFromBase64())["v"];

    public override void Write(Utf8JsonWriter writer, BsonValue value, JsonSerializerOptions options) =>
        writer.WriteBase64StringValue(BsonBytes.Of(new BsonDocument("v", value)));
}
