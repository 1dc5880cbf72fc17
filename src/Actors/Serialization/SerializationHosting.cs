using Akka.Hosting;

namespace ActorCloud.Actors.Serialization;

public static class SerializationHosting
{
    /// <summary>
    /// Binds <see cref="ActorCloudSerializer"/> to every ActorCloud message type and turns on strict
    /// serialization, so a type without a binding fails loudly instead of falling back to Newtonsoft.
    /// </summary>
    public static AkkaConfigurationBuilder WithActorCloudSerialization(this AkkaConfigurationBuilder builder) =>
        builder
            .WithCustomSerializer("actorcloud", ActorCloudSerializer.BoundTypes, system => new ActorCloudSerializer(system))
            .WithStrictSerialization();
}
