using System.Runtime;
using System.Text;

namespace ActorCloud.Bench.Database;

/// <summary>
/// The phases, in order: raw SQLite baseline; then against one in-process host over HTTP: single inserts,
/// batch inserts, filling the collection, memory, point gets, queries, updates, counts; then recovery of a
/// collection of single-insert events after a restart, with and without snapshots; then the summary.
/// </summary>
public sealed class DatabaseBenchmark(BenchSizes sizes, string workDirectory)
{
    private const string Books = "books";
    private const string Events = "events";

    /// <summary>Book indexes of the recovery collections, disjoint from the main collection's.</summary>
    private const int EventBooksOffset = 10_000_000;

    private static readonly string SelectiveFilter =
        $$$"""{"publishInfo.country":"France","publishInfo.year":{"$gte":{{{Ejson.Int(1900)}}}}}""";

    private static readonly string NoMatchFilter =
        $$$"""{"publishInfo.country":"Atlantis","publishInfo.year":{"$gte":{{{Ejson.Int(1900)}}}}}""";

    private static readonly string YearDescending = $$$"""{"publishInfo.year":{{{Ejson.Int(-1)}}}}""";

    private static readonly string IncrementReads = $$$"""{"$inc":{"reads":{{{Ejson.Int(1)}}}}}""";

    private readonly Report _report = new();

    /// <summary>Runs everything; returns the process exit code (1 when any request failed).</summary>
    public async Task<int> RunAsync()
    {
        PrintSetup();

        Report.Section("Raw SQLite baseline: same documents' BSON, WAL + synchronous=FULL, one transaction per insert");
        Report.Header();
        var baseline = await BaselineAsync();

        var data = Path.Combine(workDirectory, "actorcloud");
        var host = await BenchHost.StartAsync(data);
        PhaseResult singles, gets, selective;
        using (var client = NewClient(host))
        {
            var db = new DatabaseCalls(client, new ActionBodies(BenchHost.Env));
            await WarmUpAsync(db);
            var before = MemoryProbe.Measure();

            Report.Section($"ActorCloud over HTTP, {LoadRunner.Clients} clients, collection '{Books}'");
            Report.Header();
            var ids = new IdStore(sizes.CollectionSize);
            singles = await InsertPhasesAsync(db, ids);
            ReportMemory(before, data);

            Report.Header();
            gets = Run(await LoadRunner.RunAsync($"point get by _id ({Number(ids.Count)} docs)", sizes.PointGets,
                i => db.GetByIdAsync(Books, ids[Spread(i, ids.Count)])));
            Run(await LoadRunner.RunAsync("point get by _id, 1 client", sizes.PointGets / 10,
                i => db.GetByIdAsync(Books, ids[Spread(i, ids.Count)]), clients: 1), "uncontended latency");
            selective = await QueryPhasesAsync(db);
            Run(await LoadRunner.RunAsync("update by _id ($inc)", sizes.Updates,
                i => db.UpdateByIdAsync(Books, ids[Spread(i, ids.Count)], IncrementReads)));
            await EndUserPhasesAsync(host, db, ids, gets, selective);
            var matching = await db.CountAsync(Books, SelectiveFilter);
            Run(await LoadRunner.RunAsync("count with the filter", sizes.Counts, async _ =>
            {
                if (await db.CountAsync(Books, SelectiveFilter) != matching) throw new InvalidDataException("count changed between calls");
            }), $"total {Number(matching)}");

            Report.Section($"Recovery: '{Events}' built from {Number(sizes.RecoveryEvents)} single inserts (one event each)");
            Report.Header();
            await FillEventsAsync(db, "default snapshots");
        }
        await host.StopAsync();
        var recovered = await RecoveryProbe.MeasureAsync(data, [], [(Events, sizes.RecoveryEvents), (Books, sizes.CollectionSize)]);
        PrintRecovery("default snapshots", recovered);

        var unsnapshotted = await NoSnapshotRecoveryAsync();

        var eventsRecovery = recovered.Collections[0].FirstRequest;
        var ratio = singles.OpsPerSecond / baseline.OpsPerSecond;
        _report.Summary(
        [
            new("durable single inserts / raw SQLite", $"{Number(singles.OpsPerSecond)} / {Number(baseline.OpsPerSecond)} ops/s = {Number(ratio * 100)} %", ">= 50 %", ratio >= 0.5),
            new("point gets", $"{Number(gets.OpsPerSecond)} ops/s", ">= 20,000/s", gets.OpsPerSecond >= 20_000),
            new("filtered query p50", $"{Number(selective.P50Ms, "F2")} ms", "<= 30 ms", selective.P50Ms <= 30),
            new($"recovery, {Number(sizes.RecoveryEvents)} events", $"{Number(eventsRecovery.TotalSeconds, "F2")} s (no snapshots: {Number(unsnapshotted.TotalSeconds, "F2")} s)", "<= 3 s", eventsRecovery.TotalSeconds <= 3),
        ]);
        Console.WriteLine($"  ratio durable-inserts / raw-SQLite: {Number(ratio, "F2")} (baseline: {baseline.Name})");
        return _report.HasErrors ? 1 : 0;
    }

    private void PrintSetup()
    {
        var sample = Enumerable.Range(0, 1000).Select(BookGenerator.At).ToList();
        Report.Section($"ActorCloud database benchmark ({sizes.Mode} run)");
        Report.Line("machine", $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC; clients and server share this process");
        Report.Line("clients", $"{LoadRunner.Clients} concurrent, closed loop, HTTP/1.1 keep-alive");
        Report.Line("document", $"book, {Number(sample.Average(b => Encoding.UTF8.GetByteCount(b.ToEjson())))} bytes EJSON, " +
            $"{Number(sample.Average(b => b.ToBson("0123456789abcdef0123456789abcdef").Length))} bytes BSON on average");
        Report.Line("data", workDirectory);
    }

    /// <summary>Both ways to share SQLite's single writer; the faster one is the baseline.</summary>
    private async Task<PhaseResult> BaselineAsync()
    {
        var ids = Enumerable.Range(0, sizes.SingleInserts).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        var documents = ids.Select((id, i) => BookGenerator.At(i).ToBson(id)).ToArray();
        var shared = Run(await RawSqliteBaseline.SharedConnectionAsync(Path.Combine(workDirectory, "raw-shared.db"), ids, documents));
        var perClient = Run(await RawSqliteBaseline.ConnectionPerClientAsync(Path.Combine(workDirectory, "raw-per-client.db"), ids, documents));
        var baseline = shared.OpsPerSecond >= perClient.OpsPerSecond ? shared : perClient;
        Report.Line("baseline (the faster)", baseline.Name);
        return baseline;
    }

    /// <summary>Not reported: a few seconds of load let tiered JIT (and PGO) and the connection pool settle first.</summary>
    private static async Task WarmUpAsync(DatabaseCalls db)
    {
        const string warmUp = "warmup";
        await db.AddCollectionAsync(warmUp);
        var ids = new IdStore(5_000);
        await LoadRunner.RunAsync("", 5_000, async i => ids.Add(await db.InsertAsync(warmUp, [BookGenerator.At(i).ToEjson()])));
        await LoadRunner.RunAsync("", 5_000, i => db.GetByIdAsync(warmUp, ids[Spread(i, ids.Count)]));
        await LoadRunner.RunAsync("", 200, _ => db.WhereAsync(warmUp, SelectiveFilter, YearDescending, 100));
        await LoadRunner.RunAsync("", 500, i => db.UpdateByIdAsync(warmUp, ids[Spread(i, ids.Count)], IncrementReads));
        await LoadRunner.RunAsync("", 100, _ => db.CountAsync(warmUp, SelectiveFilter));
    }

    /// <summary>Single inserts (the same books as the baseline), batch inserts, then batches up to the collection size.</summary>
    private async Task<PhaseResult> InsertPhasesAsync(DatabaseCalls db, IdStore ids)
    {
        await db.AddCollectionAsync(Books);
        var singles = Run(await LoadRunner.RunAsync("insert single doc (durable)", sizes.SingleInserts,
            async i => ids.Add(await db.InsertAsync(Books, [BookGenerator.At(i).ToEjson()]))));

        var batchStart = sizes.SingleInserts;
        Run(await LoadRunner.RunAsync($"insert batch of {sizes.BatchSize}", sizes.BatchRequests,
            async r => ids.Add(await db.InsertAsync(Books, Batch(batchStart + r * sizes.BatchSize, sizes.BatchSize))), sizes.BatchSize));

        var fillStart = batchStart + sizes.BatchRequests * sizes.BatchSize;
        var fillRequests = (sizes.CollectionSize - fillStart + sizes.BatchSize - 1) / sizes.BatchSize;
        Run(await LoadRunner.RunAsync($"fill to {Number(sizes.CollectionSize)} (batches of {sizes.BatchSize})", fillRequests, async r =>
        {
            var first = fillStart + r * sizes.BatchSize;
            ids.Add(await db.InsertAsync(Books, Batch(first, Math.Min(sizes.BatchSize, sizes.CollectionSize - first))));
        }, sizes.BatchSize));
        return singles;
    }

    /// <summary>Returns the selective query, the one with a target.</summary>
    private async Task<PhaseResult> QueryPhasesAsync(DatabaseCalls db)
    {
        var selective = Run(await LoadRunner.RunAsync("query: France & year>=1900, limit 100", sizes.SelectiveQueries,
            async _ => ExpectPage(await db.WhereAsync(Books, SelectiveFilter, null, 100), 100)));
        Run(await LoadRunner.RunAsync("query: France & year>=1900, 1 client", sizes.SelectiveQueries / 10,
            async _ => ExpectPage(await db.WhereAsync(Books, SelectiveFilter, null, 100), 100), clients: 1), "uncontended latency");
        Run(await LoadRunner.RunAsync("query: no match (scans all), limit 100", sizes.ScanQueries,
            async _ => ExpectPage(await db.WhereAsync(Books, NoMatchFilter, null, 100), 0)));
        Run(await LoadRunner.RunAsync("query: filter + order by year desc, limit 100", sizes.ScanQueries,
            async _ => ExpectPage(await db.WhereAsync(Books, SelectiveFilter, YearDescending, 100), 100)));
        return selective;
    }

    /// <summary>
    /// The same reads with an end user's access token on a READONLY collection (the filter is not narrowed, so the
    /// difference is the token check and the permission lookup), against the admin figures just measured.
    /// </summary>
    private async Task EndUserPhasesAsync(BenchHost host, DatabaseCalls admin, IdStore ids, PhaseResult adminGets, PhaseResult adminQuery)
    {
        await admin.SetPermissionAsync(Books, "READONLY");
        using var user = new GatewayClient(host.BaseAddress, BenchHost.Env, await EndUser.SignInAnonymouslyAsync(host.BaseAddress, BenchHost.Env),
            connections: LoadRunner.Clients * 2);
        var db = new DatabaseCalls(user, new ActionBodies(BenchHost.Env));
        var gets = Run(await LoadRunner.RunAsync("end user: point get by _id", sizes.PointGets,
            i => db.GetByIdAsync(Books, ids[Spread(i, ids.Count)])));
        var query = Run(await LoadRunner.RunAsync("end user: France & year>=1900, limit 20", sizes.SelectiveQueries,
            async _ => ExpectPage(await db.WhereAsync(Books, SelectiveFilter, null, 20), 20)));
        Report.Line("ratio end-user / admin point gets", Number(gets.OpsPerSecond / adminGets.OpsPerSecond, "F2"));
        Report.Line("end user (limit 20) / admin (limit 100) query p50", $"{Number(query.P50Ms, "F2")} / {Number(adminQuery.P50Ms, "F2")} ms");
    }

    private async Task FillEventsAsync(DatabaseCalls db, string label)
    {
        await db.AddCollectionAsync(Events);
        Run(await LoadRunner.RunAsync($"insert single, '{Events}' ({label})", sizes.RecoveryEvents,
            i => db.InsertAsync(Events, [BookGenerator.At(EventBooksOffset + i).ToEjson()])));
    }

    /// <summary>The same collection built and recovered by a host that never snapshots: recovery replays every event.</summary>
    private async Task<TimeSpan> NoSnapshotRecoveryAsync()
    {
        string[] noSnapshots = ["--snapshot-every", "1000000000"];
        var data = Path.Combine(workDirectory, "actorcloud-no-snapshots");
        var host = await BenchHost.StartAsync(data, noSnapshots);
        using (var client = NewClient(host))
        {
            await FillEventsAsync(new DatabaseCalls(client, new ActionBodies(BenchHost.Env)), "no snapshots");
        }
        await host.StopAsync();
        var recovered = await RecoveryProbe.MeasureAsync(data, noSnapshots, [(Events, sizes.RecoveryEvents)]);
        PrintRecovery("no snapshots", recovered);
        return recovered.Collections[0].FirstRequest;
    }

    private void ReportMemory(MemoryProbe before, string data)
    {
        var after = MemoryProbe.Measure();
        var journal = new DirectoryInfo(data).EnumerateFiles("*.db*").Sum(f => f.Length);
        Report.Line($"memory with {Number(sizes.CollectionSize)} docs", $"GC heap {Report.Bytes(after.GcHeapBytes)}, working set {Report.Bytes(after.WorkingSetBytes)}");
        Report.Line("GC heap growth per document", $"{Number((after.GcHeapBytes - before.GcHeapBytes) / (double)sizes.CollectionSize)} bytes");
        Report.Line("journal on disk (events + snapshots)", $"{Report.Bytes(journal)}, {Number(journal / (double)sizes.CollectionSize)} bytes per document");
    }

    private static void PrintRecovery(string label, RecoveryResult result)
    {
        Report.Line($"restart ({label}): host start", $"{Number(result.HostStart.TotalMilliseconds)} ms");
        foreach (var (collection, firstRequest) in result.Collections)
            Report.Line($"restart ({label}): first count on '{collection}'", $"{Number(firstRequest.TotalMilliseconds)} ms");
    }

    private PhaseResult Run(PhaseResult result, string note = "")
    {
        _report.Row(result, note);
        return result;
    }

    private static GatewayClient NewClient(BenchHost host) =>
        new(host.BaseAddress, BenchHost.Env, BenchHost.AdminKey, connections: LoadRunner.Clients * 2);

    private static string[] Batch(int first, int count) =>
        Enumerable.Range(first, count).Select(i => BookGenerator.At(i).ToEjson()).ToArray();

    /// <summary>Visits ids in a scattered but repeatable order (a prime stride), not insertion order.</summary>
    private static int Spread(int i, int count) => (int)((long)i * 7919 % count);

    private static void ExpectPage(int actual, int expected)
    {
        if (actual != expected) throw new InvalidDataException($"query returned {actual} documents, expected {expected}");
    }

    private static string Number(double value, string format = "N0") => Report.Number(value, format);
}
