using Akka.Hosting;

namespace ActorCloud.Actors.Serialization;

public static class SerializationHosting
{
    /// <summary>
    /// Binds <see cref="ActorCloudSerializer"/> to every ActorCloud message type and turns on strict
    /// serialization, so a type without a binding fails loudly instead of falling back to Newtonsoft.
    /// </summary>
    /// <remarks>
    /// Akka's <c>serialize-messages = on</c> is not used to prove this: it also serializes the journal plugin's
    /// local-only messages (Akka.Persistence.Sql's <c>WriteFinished</c> carries a Task), which then get lost.
    /// Our messages are instead round-tripped where they cross a shard region (<see cref="MessageRoundTrip"/>).
    /// </remarks>
    public static AkkaConfigurationBuilder WithActorCloudSerialization(this AkkaConfigurationBuilder builder) =>
        builder
            .WithCustomSerializer("actorcloud", ActorCloudSerializer.BoundTypes, system => new ActorCloudSerializer(system))
            .WithStrictSerialization();
}
