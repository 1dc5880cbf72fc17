using System.Diagnostics;

namespace ActorCloud.Bench.Database;

/// <summary>How long a restarted host took to start, and then to answer the first request on each collection.</summary>
public sealed record RecoveryResult(TimeSpan HostStart, IReadOnlyList<(string Collection, TimeSpan FirstRequest)> Collections);

/// <summary>
/// Starts a fresh host on an existing data directory and times, per collection, the first request that needs
/// it: the collection entity only exists once asked for, so that request pays for loading the latest snapshot
/// and replaying the events after it.
/// </summary>
public static class RecoveryProbe
{
    public static async Task<RecoveryResult> MeasureAsync(string data, string[] hostArgs, IReadOnlyList<(string Collection, long Documents)> collections)
    {
        var start = Stopwatch.StartNew();
        var host = await BenchHost.StartAsync(data, hostArgs);
        var hostStart = start.Elapsed;
        try
        {
            using var client = new GatewayClient(host.BaseAddress, BenchHost.Env, BenchHost.AdminKey, connections: 1);
            var db = new DatabaseCalls(client, new ActionBodies(BenchHost.Env));
            var timings = new List<(string, TimeSpan)>();
            foreach (var (collection, documents) in collections)
            {
                var first = Stopwatch.StartNew();
                var total = await db.CountAsync(collection, "{}");
                timings.Add((collection, first.Elapsed));
                if (total != documents)
                    throw new InvalidDataException($"after recovery '{collection}' counts {total} documents, expected {documents}");
            }
            return new RecoveryResult(hostStart, timings);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
