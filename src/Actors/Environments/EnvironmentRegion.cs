using ActorCloud.Actors.Sharding;
using Akka.Actor;
using Akka.Hosting;

namespace ActorCloud.Actors.Environments;

/// <summary>Registry key of the environment shard region (<c>IRequiredActor&lt;EnvironmentRegion&gt;</c>).</summary>
public sealed class EnvironmentRegion
{
    public const string Name = "environment";
}

public static class EnvironmentRegionHosting
{
    public static AkkaConfigurationBuilder WithEnvironmentRegion(this AkkaConfigurationBuilder builder) =>
        builder.WithEntityRegion<EnvironmentRegion>(EnvironmentRegion.Name, env => Props.Create(() => new EnvironmentActor(env)),
            TimeSpan.FromMinutes(30));
}
