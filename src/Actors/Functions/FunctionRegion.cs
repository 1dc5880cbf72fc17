using ActorCloud.Actors.Sharding;
using Akka.Hosting;

namespace ActorCloud.Actors.Functions;

/// <summary>Registry key of the function shard region (<c>IRequiredActor&lt;FunctionRegion&gt;</c>).</summary>
public sealed class FunctionRegion
{
    public const string Name = "function";
}

public static class FunctionRegionHosting
{
    public static AkkaConfigurationBuilder WithFunctionRegion(
        this AkkaConfigurationBuilder builder, FunctionSettings settings, IFunctionRuntimes runtimes, TimeSpan passivateIdleAfter) =>
        builder.WithEntityRegion<FunctionRegion>(FunctionRegion.Name, entityId => FunctionActor.Props(entityId, settings, runtimes), passivateIdleAfter);
}
