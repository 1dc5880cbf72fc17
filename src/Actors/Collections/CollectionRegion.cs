using ActorCloud.Actors.Sharding;
using Akka.Cluster.Sharding;
using Akka.Hosting;

namespace ActorCloud.Actors.Collections;

/// <summary>Registry key of the collection shard region (<c>IRequiredActor&lt;CollectionRegion&gt;</c>).</summary>
public sealed class CollectionRegion
{
    public const string Name = "collection";
}

public static class CollectionRegionHosting
{
    public static AkkaConfigurationBuilder WithCollectionRegion(
        this AkkaConfigurationBuilder builder, CollectionSettings settings, CollectionViews views, CollectionFeed feed, TimeSpan passivateIdleAfter) =>
        builder.WithEntityRegion<CollectionRegion>(CollectionRegion.Name, entityId => CollectionActor.Props(entityId, settings, views, feed),
            passivateIdleAfter);
}
