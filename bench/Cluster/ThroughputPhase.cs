namespace ActorCloud.Bench.Cluster;

/// <summary>What one cluster size sustained: the measured loop (after an unreported warm-up) and its rate.</summary>
public sealed record ThroughputResult(string Name, int Nodes, LoopMeasurement Loop, LoopMeasurement WarmUp, CpuPerOperation? Cpu)
{
    public double Rate => Loop.Count / Loop.Elapsed.TotalSeconds;
}

/// <summary>
/// Durable single-document inserts from <see cref="ClusterSizes.Clients"/> closed-loop clients over
/// <see cref="ClusterSizes.Collections"/> collections, the requests spread round-robin over every node's URL. A
/// collection lives on one node, so through n nodes about (n-1)/n of the requests are forwarded to another node —
/// the price a cluster pays for spreading collections, which is what the 1-node/3-node ratio shows.
/// </summary>
public static class ThroughputPhase
{
    public static string[] CollectionNames(string prefix) =>
        [.. Enumerable.Range(0, ClusterSizes.Collections).Select(i => $"{prefix}_{i:D2}")];

    public static async Task<ThroughputResult> RunAsync(BenchCluster cluster, ClusterSizes sizes)
    {
        var collections = CollectionNames("load");
        foreach (var collection in collections) await DatabaseCalls.AddCollectionAsync(cluster.Client(cluster.Nodes[0]), collection);
        var nodes = cluster.Nodes;

        // Operation i writes collection i mod 24 through node (i / 24) mod n: every collection is reached through every
        // node, so how many requests are forwarded does not depend on where the coordinator happened to put each one.
        Task Insert(int i, int offset)
        {
            var n = offset + i;
            var node = nodes[n / collections.Length % nodes.Count];
            return DatabaseCalls.InsertOneAsync(cluster.Client(node), collections[n % collections.Length], n);
        }

        // Not reported: tiered JIT in every node, connection pools, and each collection's first start settle first.
        var warmUp = await ClosedLoop.RunAsync(sizes.WarmUpInserts, ClusterSizes.Clients, i => Insert(i, 0));
        var cpu = new ClusterCpu(cluster);
        var loop = await ClosedLoop.RunAsync(sizes.Inserts, ClusterSizes.Clients, i => Insert(i, sizes.WarmUpInserts));
        return new ThroughputResult($"{nodes.Count} node{(nodes.Count == 1 ? "" : "s")}", nodes.Count, loop, warmUp, cpu.PerOperation(loop.Count));
    }
}
