using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;

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
}
