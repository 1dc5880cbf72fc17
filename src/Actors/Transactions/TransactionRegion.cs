using ActorCloud.Actors.Sharding;
using Akka.Hosting;

namespace ActorCloud.Actors.Transactions;

/// <summary>Registry key of the transaction shard region (<c>IRequiredActor&lt;TransactionRegion&gt;</c>).</summary>
public sealed class TransactionRegion
{
    public const string Name = "transaction";
}

public static class TransactionRegionHosting
{
    public static AkkaConfigurationBuilder WithTransactionRegion(this AkkaConfigurationBuilder builder, TimeSpan idleTimeout, TimeSpan passivateIdleAfter) =>
        builder.WithEntityRegion<TransactionRegion>(TransactionRegion.Name, entityId => TransactionActor.Props(entityId, idleTimeout),
            passivateIdleAfter);
}
