using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;

namespace ActorCloud.Actors.Sharding;

/// <summary>
/// The shard options every ActorCloud region shares: DData coordinator state (the persistence store is
/// deprecated), remember-entities off (it would disable idle passivation), and <see cref="StopEntity"/> for
/// hand-off so accepted commands are finished before an entity moves.
/// </summary>
public static class ShardingDefaults
{
    public static ShardOptions Options(TimeSpan passivateIdleAfter) => new()
    {
        StateStoreMode = StateStoreMode.DData,
        RememberEntities = false,
        PassivateIdleEntityAfter = passivateIdleAfter,
        HandOffStopMessage = StopEntity.Instance,
    };

    /// <summary>Registers an entity region of ours: its name, how to make an entity, and the shared extractor and options.</summary>
    public static AkkaConfigurationBuilder WithEntityRegion<TKey>(
        this AkkaConfigurationBuilder builder, string name, Func<string, Props> entityProps, TimeSpan passivateIdleAfter) =>
        builder.WithShardRegion<TKey>(name, entityProps, new EntityIdExtractor(), Options(passivateIdleAfter));
}
