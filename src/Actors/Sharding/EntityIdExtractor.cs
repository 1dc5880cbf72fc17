using Akka.Cluster.Sharding;

namespace ActorCloud.Actors.Sharding;

/// <summary>A message addressed to one sharded entity.</summary>
public interface IEntityMessage
{
    string EntityId { get; }
}

/// <summary>
/// Routes <see cref="IEntityMessage"/>s by entity id. MurmurHash-based, so every node computes the same shard.
/// 100 shards: about ten per node for the cluster sizes we plan for; it must never change on a live cluster.
/// </summary>
public sealed class EntityIdExtractor() : HashCodeMessageExtractor(MaxShards)
{
    public const int MaxShards = 100;

    public override string? EntityId(object message) => message is IEntityMessage m ? m.EntityId : null;
}
