using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Collections;
using ActorCloud.Actors.Sharding;
using ActorCloud.Actors.Tests.Support;
using Akka.Actor;
using Microsoft.Data.Sqlite;
using MongoDB.Bson;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Actors.Tests;

/// <summary>
/// An entity whose shard moved from node A to node B and back to A has journaled events from writers A, B, A: the SQL
/// journal records its own id per node as an event's writer. Akka's replay filter read A's later events as a stale
/// concurrent writer's and dropped them from any replay spanning the moves, so a recovery without a snapshot lost
/// acknowledged writes (the cluster simulation found it, now and then, when a shard came back to a node). Two actor
/// systems on one journal file play the two nodes.
/// </summary>
public sealed class ReplayAcrossNodesSpecs : IDisposable
{
    private const string EntityId = "test-env/moved";
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(20);
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"actorcloud-spec-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_recovery_keeps_the_writes_made_after_an_entity_came_back_to_a_node()
    {
        using var nodeA = SqliteActorSystem.Start(_database);
        using var nodeB = SqliteActorSystem.Start(_database);

        await WriteAsync(nodeA.System(), new CreateCollection(EntityId, Caller.System));
        await WriteAsync(nodeB.System(), Insert("b"));
        await WriteAsync(nodeA.System(), Insert("a-again"));

        foreach (var node in new[] { nodeA, nodeB })
        {
            var recovered = node.System().ActorOf(Props());
            var all = await recovered.Ask<ICollectionReply>(new FindDocuments(EntityId, new BsonDocument(), null, 0, 10), AskTimeout);
            Assert.Equal(["a-again", "b"], ((Found)all).Documents.Select(d => d["_id"].AsString).Order());
            await StopAsync(recovered);
        }
    }

    private static InsertDocuments Insert(string id) => new(EntityId, Caller.System, [new BsonDocument("_id", id)], CreateIfMissing: false);

    private static Props Props() => CollectionActor.Props(EntityId, new CollectionSettings(), new CollectionViews(), new CollectionFeed());

    /// <summary>The entity starts on the node (recovering), makes the write and is stopped, as a shard moving away stops it.</summary>
    private static async Task WriteAsync(ActorSystem node, ICollectionWrite write)
    {
        var entity = node.ActorOf(Props());
        var reply = await entity.Ask<ICollectionReply>(write, AskTimeout);
        Assert.False(reply is Failed, $"{write} was refused: {reply}");
        await StopAsync(entity);
    }

    private static async Task StopAsync(IActorRef entity)
    {
        var stopped = entity.WatchAsync();
        entity.Tell(StopEntity.Instance);
        await stopped.WaitAsync(AskTimeout);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_database + suffix);
    }
}
