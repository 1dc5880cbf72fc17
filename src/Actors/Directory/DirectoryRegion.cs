using ActorCloud.Actors.Sharding;
using Akka.Actor;
using Akka.Hosting;

namespace ActorCloud.Actors.Directory;

/// <summary>Registry key of the directory shard region (<c>IRequiredActor&lt;DirectoryRegion&gt;</c>).</summary>
public sealed class DirectoryRegion
{
    public const string Name = "directory";
}

public static class DirectoryRegionHosting
{
    public static AkkaConfigurationBuilder WithDirectoryRegion(this AkkaConfigurationBuilder builder) =>
        builder.WithEntityRegion<DirectoryRegion>(DirectoryRegion.Name, _ => Props.Create(() => new DirectoryActor()), TimeSpan.FromMinutes(30));
}
