using ActorCloud.Actors.Sharding;
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
        builder.WithEntityRegion<FileRegion>(FileRegion.Name, entityId => FileActor.Props(entityId, settings), passivateIdleAfter);
}
