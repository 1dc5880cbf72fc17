using ActorCloud.Actors.Sharding;
using Akka.Cluster.Hosting;
using Akka.Hosting;

namespace ActorCloud.Actors.Files;

/// <summary>Registry key of the file shard region (<c>IRequiredActor&lt;FileRegion&gt;</c>).</summary>
public sealed class FileRegion
{
    public const string Name = "file";
}

public static class FileRegionHosting
{
    public static AkkaConfigurationBuilder WithFileRegion(
        this AkkaConfigurationBuilder builder, FileSettings settings, TimeSpan passivateIdleAfter) =>
        builder.WithShardRegion<FileRegion>(
            FileRegion.Name,
            entityId => FileActor.Props(entityId, settings),
            new EntityIdExtractor(),
            ShardingDefaults.Options(passivateIdleAfter));
}
