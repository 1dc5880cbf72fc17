using Akka.Actor;
using Akka.Serialization;

namespace ActorCloud.Actors.Serialization;

/// <summary>
/// Serializes a message and reads it back exactly as a remote node would, so a single-node run (tests turn
/// this on) proves that every message crossing a shard region survives the wire. Off, it passes messages through.
/// </summary>
public sealed class MessageRoundTrip(ActorSystem system, bool enabled)
{
    public T Apply<T>(T message) where T : notnull
    {
        if (!enabled) return message;
        var serialization = system.Serialization;
        var serializer = serialization.FindSerializerFor(message);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var bytes = serializer.ToBinary(message);
        return (T)serialization.Deserialize(bytes, serializer.Identifier, manifest);
    }
}
