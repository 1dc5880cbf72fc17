using System.Diagnostics;
using ActorCloud.Actors.Sharding;
using ActorCloud.Api.Gateway.Database;

namespace ActorCloud.Bench.Cluster;

/// <summary>
/// The recovery phase's figures: how the events were written, the restart, and the first reads after it: of a small
/// collection in the big one's shard (the fixed costs: coordinator, environment, the shard's allocation) and of the big one.
/// </summary>
public sealed record RecoveryResult(int Events, LoopMeasurement Writes, long CountBefore, TimeSpan Restart,
    TimeSpan FirstSmallRead, TimeSpan FirstRead, int Attempts, long CountAfter)
{
    public double EventsPerSecond => CountBefore / FirstRead.TotalSeconds;
}

/// <summary>
/// Replay speed from PostgreSQL: E single-document inserts (one event each) into one collection of a cluster that
/// never snapshots, every node SIGKILLed and restarted, then the first count of that collection timed. Collections
/// start only when asked for, so that count waits for the whole journal of the collection to be read and applied.
/// </summary>
public static class RecoveryPhase
{
    private const string Collection = "replay";

    private static readonly TimeSpan ReadLimit = TimeSpan.FromMinutes(3);

    public static async Task<RecoveryResult> RunAsync(BenchCluster cluster, int events)
    {
        var nodes = cluster.Nodes;
        var first = cluster.Client(nodes[0]);
        var smallCollection = SameShardAs(Collection);
        await DatabaseCalls.AddCollectionAsync(first, Collection);
        await DatabaseCalls.AddCollectionAsync(first, smallCollection);
        await DatabaseCalls.InsertOneAsync(first, smallCollection, 0);
        var writes = await ClosedLoop.RunAsync(events, ClusterSizes.Clients,
            i => DatabaseCalls.InsertOneAsync(cluster.Client(nodes[i % nodes.Count]), Collection, i));
        // What is durable, acknowledged or not: a failed insert may have been written all the same.
        var countBefore = await DatabaseCalls.CountAsync(first, Collection);

        var restart = Stopwatch.StartNew();
        await cluster.RestartAllAsync();
        restart.Stop();
        var reader = cluster.Client(nodes[0]);
        var (smallRead, _, _) = await FirstAnswerAsync(() => DatabaseCalls.CountAsync(reader, smallCollection));
        var (read, attempts, countAfter) = await FirstAnswerAsync(() => DatabaseCalls.CountAsync(reader, Collection));
        return new RecoveryResult(events, writes, countBefore, restart.Elapsed, smallRead, read, attempts, countAfter);
    }

    /// <summary>
    /// A collection in the same shard as <paramref name="collection"/>. Read first after the restart, it pays for the
    /// shard's allocation, so the count of the big collection after it pays for little but its replay.
    /// </summary>
    private static string SameShardAs(string collection)
    {
        var extractor = new EntityIdExtractor();
        string Shard(string name) => extractor.ShardId(CollectionClient.EntityId(BenchCluster.Env, name), null);
        var shard = Shard(collection);
        return Enumerable.Range(0, 100_000).Select(i => $"{collection}_small_{i}").First(name => Shard(name) == shard);
    }

    /// <summary>
    /// Time until a read is answered, asking again at once when the gateway gives up (it answers SYS_ERR after 12 s;
    /// the collection goes on recovering meanwhile, so the time still ends when the recovery does).
    /// </summary>
    private static async Task<(TimeSpan Elapsed, int Attempts, long Value)> FirstAnswerAsync(Func<Task<long>> read)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var value = await read();
                return (clock.Elapsed, attempt, value);
            }
            catch (GatewayException) when (clock.Elapsed < ReadLimit)
            {
                // Retried.
            }
        }
    }
}
