using Akka.Hosting;

namespace ActorCloud.Actors.Serialization;

public static class SerializationHosting
{
    /// <summary>
    /// Binds <see cref="ActorCloudSerializer"/> to every ActorCloud message type. In production strict
    /// serialization is on, so a type without a binding fails loudly instead of falling back to Newtonsoft.
    /// With <paramref name="verifyAllMessages"/> (tests) every message, even a local one, is serialized and read
    /// back; Akka's own local-only messages (recovery permits, system messages) have no binding, so that mode
    /// must leave the fallback to them — our own types are proven bound by the serialization specs.
    /// </summary>
    public static AkkaConfigurationBuilder WithActorCloudSerialization(this AkkaConfigurationBuilder builder, bool verifyAllMessages = false)
    {
        builder.WithCustomSerializer("actorcloud", ActorCloudSerializer.BoundTypes, system => new ActorCloudSerializer(system));
        return verifyAllMessages
            ? builder.AddHocon("akka.actor.serialize-messages = on", HoconAddMode.Prepend)
            : builder.WithStrictSerialization();
    }
}
