using ActorCloud.Actors.Sharding;
using Akka.Actor;
using Akka.Hosting;

namespace ActorCloud.Actors.Users;

/// <summary>Registry key of the end-user shard region (<c>IRequiredActor&lt;UserRegion&gt;</c>).</summary>
public sealed class UserRegion
{
    public const string Name = "user";
}

public static class UserRegionHosting
{
    public static AkkaConfigurationBuilder WithUserRegion(this AkkaConfigurationBuilder builder, TimeSpan passivateIdleAfter) =>
        builder.WithEntityRegion<UserRegion>(UserRegion.Name, entityId => Props.Create(() => new UserActor(entityId)), passivateIdleAfter);
}
