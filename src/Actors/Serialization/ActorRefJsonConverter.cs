using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;

namespace ActorCloud.Actors.Serialization;

/// <summary>An actor reference as its full path with address, resolved back on the receiving node.</summary>
public sealed class ActorRefJsonConverter(ExtendedActorSystem system) : JsonConverter<IActorRef>
{
    public override IActorRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        system.Provider.ResolveActorRef(reader.GetString() ?? throw new JsonException("an actor reference must be a path"));

    public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Akka.Serialization.Serialization.SerializedActorPath(value));
}
