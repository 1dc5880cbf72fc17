using System.Diagnostics;
using System.Runtime;
using System.Text;

namespace ActorCloud.Bench.Indexes;

/// <summary>
/// The phases, in order, against one in-process host over HTTP: fill one collection, insert a batch check, memory;
/// the queries without indexes (collection scans); create the indexes; memory; the same queries with them; the
/// insert check again; then the host stopped and a new one started on the same data, timing the first answer. Then
/// the summary.
/// </summary>
public sealed class IndexesBenchmark(IndexSizes sizes, string workDirectory)
{
    private const string Items = "items";
    private const string SkuIndex = "sku_1";
    private const string YearIndex = "year_1";

    /// <summary>
    /// Reads answered from a collection's published view never reach its entity, so a read-only phase longer than the
    /// default idle passivation (2 min) stops the entity: the next read then waits for the whole collection to recover
    /// (about 10 s at 1 000 000 documents here, close to the gateway's 12 s ask timeout). The scans here outlast it; the host gets a
    /// longer idle time so the phases measure queries, not recoveries.
    /// </summary>
    private static readonly string[] HostArgs = ["--ActorCloud:Collections:PassivateIdleAfter", "01:00:00"];

    private readonly Report _report = new();
    private readonly string _data = Path.Combine(workDirectory, "actorcloud");
    private double _bsonBytes;

    /// <summary>Runs everything; returns the process exit code (1 when any request failed).</summary>
    public async Task<int> RunAsync()
    {
        PrintSetup();
        var host = await BenchHost.StartAsync(_data, HostArgs);
        var total = sizes.Documents;
        Measured before, after;
        PhaseResult fill, insertsBefore, insertsAfter;
        TimeSpan createSku, createYear;
        MemoryProbe baseline, unindexed, indexed;
        using (var client = NewClient(host))
        {
            var db = new IndexCalls(client, new IndexBodies(BenchHost.Env));
            await WarmUpAsync(db);
            baseline = MemoryProbe.Measure();

            Report.Section($"Fill '{Items}' to {Number(sizes.Documents)} documents: batches of {sizes.BatchSize}, {sizes.FillClients} clients");
            Report.Header();
            await db.AddCollectionAsync(Items);
            var gc = GcMeter.Start();
            fill = await FillAsync(db);
            Report.Line("fill: GC and CPU", gc.Describe());
            gc = GcMeter.Start();
            insertsBefore = Run(await InsertCheckAsync(db, total, "insert check, no indexes"));
            Report.Line("insert check: GC and CPU", gc.Describe());
            total += sizes.InsertCheckDocuments;
            await ExpectCountAsync(db, total);
            unindexed = ReportMemory("no indexes", baseline, total);

            var work = new Workload(db, Items, sizes.Documents);
            Report.Section("Queries WITHOUT indexes (every query scans the collection)");
            Report.Header();
            before = await QueriesAsync(work, "no index", sizes.ScanQueries, sizes.ScanQueriesContended, sizes.OrderedScanQueries);

            Report.Section("Creating the indexes (one updateTable each)");
            var creation = GcMeter.Start();
            createSku = await CreateIndexAsync(db, SkuIndex, unique: true, "sku");
            createYear = await CreateIndexAsync(db, YearIndex, unique: false, "year");
            Report.Line("index creation: GC and CPU", creation.Describe());
            await ExpectIndexesAsync(db, total, "after creation");
            indexed = ReportMemory("with both indexes", baseline, total);
            Report.Line("GC heap added by the two indexes", $"{Number((indexed.GcHeapBytes - unindexed.GcHeapBytes) / (double)total)} bytes per document");

            Report.Section("Queries WITH indexes");
            Report.Header();
            after = await QueriesAsync(work, "indexed", sizes.IndexedQueries, sizes.IndexedQueriesContended, sizes.IndexedQueries);
            var inserts = GcMeter.Start();
            insertsAfter = Run(await InsertCheckAsync(db, total, "insert check, 2 indexes (sku unique)"));
            Report.Line("insert check: GC and CPU", inserts.Describe());
            total += sizes.InsertCheckDocuments;
            Report.Line("insert rate with indexes / without", Number(insertsAfter.ItemsPerSecond / insertsBefore.ItemsPerSecond, "F2"));
            await ExpectCountAsync(db, total);
            Report.Line("journal on disk (events + snapshots)", $"{Report.Bytes(JournalBytes())}, {Number(JournalBytes() / (double)total)} bytes per document");
        }
        await host.StopAsync();
        var recovery = await RecoveryAsync(total, sizes.Documents);

        var perDocumentUnindexed = (unindexed.GcHeapBytes - baseline.GcHeapBytes) / (double)(sizes.Documents + sizes.InsertCheckDocuments);
        var perDocumentIndexed = (indexed.GcHeapBytes - baseline.GcHeapBytes) / (double)(sizes.Documents + sizes.InsertCheckDocuments);
        _report.Summary(
        [
            LatencyTarget("indexed equality {sku: x}", after.Equality, before.Equality),
            LatencyTarget($"indexed range ({Workload.RangeWidth} skus)", after.Range, before.Range),
            new("ratio indexed / unindexed p50, equality", Ratio(after.Equality.Single, before.Equality.Single), "—", null),
            new("ratio indexed / unindexed p50, range", Ratio(after.Range.Single, before.Range.Single), "—", null),
            new("{year: Y} by sku, limit 20: p50", $"{Ms(after.Ordered.Single)} (no index {Ms(before.Ordered.Single)}), ratio " +
                Ratio(after.Ordered.Single, before.Ordered.Single), "—", null),
            new("GC heap per document / BSON size", $"{Number(perDocumentIndexed)} B with indexes ({Number(perDocumentIndexed / _bsonBytes, "F1")}×), " +
                $"{Number(perDocumentUnindexed)} B without ({Number(perDocumentUnindexed / _bsonBytes, "F1")}×); BSON {Number(_bsonBytes)} B",
                "<= 2×", perDocumentIndexed <= 2 * _bsonBytes),
            new("index creation", $"{Seconds(createSku)} sku (unique), {Seconds(createYear)} year, {Number(sizes.Documents + sizes.InsertCheckDocuments)} docs", "—", null),
            new("batch inserts with indexes / without", $"{Number(insertsAfter.ItemsPerSecond)} / {Number(insertsBefore.ItemsPerSecond)} docs/s = " +
                Number(insertsAfter.ItemsPerSecond / insertsBefore.ItemsPerSecond, "F2") + $" (fill: {Number(fill.ItemsPerSecond)} docs/s)", "—", null),
            new("recovery: first query after restart", recovery is { } r ? $"{Seconds(r.FirstQuery)} ({Number(total)} docs, host start {Seconds(r.HostStart)})" : "failed", "—", null),
        ]);
        Console.WriteLine("  Targets are checked on the 1-client p50 (the uncontended latency); the 16-client p50 is printed beside it.");
        return _report.HasErrors ? 1 : 0;
    }

    /// <summary>p50 at one client and at 16, for one query.</summary>
    private sealed record QueryFigures(PhaseResult Single, PhaseResult Contended);

    private sealed record Measured(QueryFigures Equality, QueryFigures Range, QueryFigures Ordered);

    private sealed record Recovery(TimeSpan HostStart, TimeSpan FirstQuery);

    private void PrintSetup()
    {
        var samples = Enumerable.Range(0, 1000).ToList();
        _bsonBytes = samples.Average(sku => SkuBook.Bson(sku).Length);
        Report.Section($"ActorCloud index benchmark ({sizes.Mode} run)");
        Report.Line("machine", $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC; clients and server share this process");
        Report.Line("load average at start", File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown");
        Report.Line("document", $"book + sku (unique) + year (225 values), {Number(samples.Average(sku => Encoding.UTF8.GetByteCount(SkuBook.Ejson(sku))))} " +
            $"bytes EJSON, {Number(_bsonBytes)} bytes BSON on average");
        Report.Line("queries", $"1 client (latency) and {IndexSizes.QueryClients} clients (throughput), closed loop, HTTP/1.1 keep-alive");
        Report.Line("host", $"production settings but idle passivation after {HostArgs[1]} (see {nameof(HostArgs)})");
        Report.Line("data", workDirectory);
    }

    /// <summary>
    /// Not reported: every path once on a small collection (inserts, scans, index creation, indexed queries, inserts
    /// into indexes), so tiered JIT and the connection pool have settled before anything is measured.
    /// </summary>
    private async Task WarmUpAsync(IndexCalls db)
    {
        const string warmUp = "warmup";
        const int documents = 20_000;
        if (Workload.SkusNeededForOrderedQuery > documents)
            throw new InvalidOperationException($"the warm-up needs {Workload.SkusNeededForOrderedQuery} documents for the ordered query's check");
        await db.AddCollectionAsync(warmUp);
        var work = new Workload(db, warmUp, documents);
        await ClosedLoop.RunAsync(documents / sizes.BatchSize, sizes.FillClients, r => db.InsertAsync(warmUp, Batch(r * sizes.BatchSize, sizes.BatchSize)));
        for (var round = 0; round < 2; round++)
        {
            await ClosedLoop.RunAsync(300, IndexSizes.QueryClients, work.EqualityAsync);
            await ClosedLoop.RunAsync(300, IndexSizes.QueryClients, work.RangeAsync);
            await ClosedLoop.RunAsync(300, IndexSizes.QueryClients, work.YearOrderedAsync);
            if (round == 0)
            {
                await db.CreateIndexAsync(warmUp, SkuIndex, true, new IndexKey("sku"));
                await db.CreateIndexAsync(warmUp, YearIndex, false, new IndexKey("year"));
            }
        }
        await ClosedLoop.RunAsync(5, sizes.FillClients, r => db.InsertAsync(warmUp, Batch(documents + r * sizes.BatchSize, sizes.BatchSize)));
        await db.DescribeAsync(warmUp);
    }

    /// <summary>The fill in four quarters, so a rate that falls as the collection grows shows; then the whole.</summary>
    private async Task<PhaseResult> FillAsync(IndexCalls db)
    {
        var requests = sizes.Documents / sizes.BatchSize;
        var clock = Stopwatch.StartNew();
        var errors = 0;
        for (var quarter = 0; quarter < 4; quarter++)
        {
            var first = requests * quarter / 4;
            var count = requests * (quarter + 1) / 4 - first;
            var result = Run(await PhaseResult.RunAsync($"fill {Number(first * sizes.BatchSize)} → {Number((first + count) * sizes.BatchSize)}",
                count, sizes.FillClients, r => db.InsertAsync(Items, Batch((first + r) * sizes.BatchSize, sizes.BatchSize)), sizes.BatchSize));
            errors += result.Errors;
        }
        var whole = new PhaseResult($"fill to {Number(sizes.Documents)}", requests, clock.Elapsed, 0, 0, 0, 0, null, sizes.BatchSize);
        Report.Line(whole.Name, $"{Number(whole.ItemsPerSecond)} docs/s over {Seconds(whole.Elapsed)}{(errors > 0 ? $", {errors} failed batches" : "")}");
        return whole;
    }

    /// <summary>Batches of new, unique skus from <paramref name="firstSku"/> on, as the fill sends them.</summary>
    private async Task<PhaseResult> InsertCheckAsync(IndexCalls db, int firstSku, string name) =>
        await PhaseResult.RunAsync($"{name} (+{Number(sizes.InsertCheckDocuments)})", sizes.InsertCheckDocuments / sizes.BatchSize, sizes.FillClients,
            r => db.InsertAsync(Items, Batch(firstSku + r * sizes.BatchSize, sizes.BatchSize)), sizes.BatchSize);

    /// <summary>Each query with one client, then with 16; the ordered one gets <paramref name="ordered"/> requests in both.</summary>
    private async Task<Measured> QueriesAsync(Workload work, string label, int single, int contended, int ordered)
    {
        async Task<QueryFigures> Pair(string name, int singleCount, int contendedCount, Func<int, Task> query) => new(
            Run(await PhaseResult.RunAsync($"{name}, {label}, 1 client", singleCount, 1, query)),
            Run(await PhaseResult.RunAsync($"{name}, {label}, {IndexSizes.QueryClients} clients", contendedCount, IndexSizes.QueryClients, query)));

        var equality = await Pair("{sku: x}", single, contended, work.EqualityAsync);
        var range = await Pair($"{{sku: [x, x+{Workload.RangeWidth})}}", single, contended, work.RangeAsync);
        var year = await Pair("{year: Y} by sku, limit 20", ordered, ordered, work.YearOrderedAsync);
        return new Measured(equality, range, year);
    }

    /// <summary>
    /// One <c>updateTable</c>, timed to its answer. Should the request time out inside the host (its asks wait 12 s)
    /// while the index is still being built, the failure is reported and the time is taken when <c>describeTable</c>
    /// first lists the index.
    /// </summary>
    private async Task<TimeSpan> CreateIndexAsync(IndexCalls db, string name, bool unique, string field)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await db.CreateIndexAsync(Items, name, unique, new IndexKey(field));
        }
        catch (Exception e)
        {
            _report.Failure($"create {name}", $"{e.GetType().Name}: {e.Message}");
            while (clock.Elapsed < TimeSpan.FromMinutes(10) && !(await db.DescribeAsync(Items)).Any(i => i.Name == name))
                await Task.Delay(100);
        }
        clock.Stop();
        Report.Line($"create {name} ({field}: \"1\"{(unique ? ", unique" : "")})", Seconds(clock.Elapsed));
        return clock.Elapsed;
    }

    private async Task ExpectIndexesAsync(IndexCalls db, long documents, string when)
    {
        var listed = await db.DescribeAsync(Items);
        Report.Line($"describeTable {when}", string.Join(", ", listed.Select(i => $"{i.Name}{(i.Unique ? " unique" : "")}" +
            (i.Size is { } size ? $" {Number(size)} entries" : ""))));
        foreach (var name in new[] { SkuIndex, YearIndex })
        {
            var index = listed.FirstOrDefault(i => i.Name == name);
            if (index?.Size != documents)
                _report.Failure($"describeTable {when}", $"{name} {(index is null ? "missing" : $"has {index.Size} entries")}, expected {documents}");
        }
    }

    private async Task ExpectCountAsync(IndexCalls db, long documents)
    {
        var count = await db.CountAsync(Items, "{}");
        if (count != documents) _report.Failure("count", $"'{Items}' counts {count} documents, expected {documents}");
    }

    /// <summary>
    /// Stops nothing itself: the caller has stopped the host. A new host starts on the same data directory; the first
    /// request on the collection (an indexed equality query) loads it: the journal's latest snapshot, the events after
    /// it, and both index trees rebuilt from the documents. Then the count and the indexes are checked.
    /// </summary>
    private async Task<Recovery?> RecoveryAsync(long documents, int skus)
    {
        Report.Section("Recovery: a new host on the same data directory");
        var clock = Stopwatch.StartNew();
        var host = await BenchHost.StartAsync(_data, HostArgs);
        var hostStart = clock.Elapsed;
        try
        {
            using var client = new GatewayClient(host.BaseAddress, BenchHost.Env, BenchHost.AdminKey, connections: 1);
            var db = new IndexCalls(client, new IndexBodies(BenchHost.Env));
            var work = new Workload(db, Items, skus);
            clock.Restart();
            var gc = GcMeter.Start();
            var firstQuery = await FirstAnswerAsync(() => work.EqualityAsync(12_345), clock);
            var recoveryGc = gc.Describe();
            clock.Restart();
            await work.EqualityAsync(54_321);
            var secondQuery = clock.Elapsed;
            Report.Line("host start", Seconds(hostStart));
            Report.Line("first query answered (collection recovered)", Seconds(firstQuery));
            Report.Line("recovery: GC and CPU", recoveryGc);
            Report.Line("second query", $"{Number(secondQuery.TotalMilliseconds, "F2")} ms");
            await ExpectCountAsync(db, documents);
            await ExpectIndexesAsync(db, documents, "after the restart");
            var memory = MemoryProbe.Measure();
            Report.Line("GC heap after recovery (new host)", Report.Bytes(memory.GcHeapBytes));
            return new Recovery(hostStart, firstQuery);
        }
        catch (Exception e)
        {
            _report.Failure("recovery", $"{e.GetType().Name}: {e.Message}");
            return null;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>
    /// The first request on a recovering collection, repeated until answered (as the SDK would retry): a request that
    /// waits longer than the host's 12 s ask timeout is answered with an error, reported here as a failure.
    /// </summary>
    private async Task<TimeSpan> FirstAnswerAsync(Func<Task> request, Stopwatch clock)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await request();
                return clock.Elapsed;
            }
            catch (Exception e) when (clock.Elapsed < TimeSpan.FromMinutes(5))
            {
                _report.Failure($"first query after the restart, attempt {attempt}",
                    $"{e.GetType().Name} after {Seconds(clock.Elapsed)}: {e.Message}");
            }
        }
    }

    private MemoryProbe ReportMemory(string label, MemoryProbe baseline, long documents)
    {
        var now = MemoryProbe.Measure();
        var perDocument = (now.GcHeapBytes - baseline.GcHeapBytes) / (double)documents;
        Report.Line($"memory, {Number(documents)} docs, {label}", $"GC heap {Report.Bytes(now.GcHeapBytes)}, working set {Report.Bytes(now.WorkingSetBytes)}");
        Report.Line($"GC heap growth per document, {label}", $"{Number(perDocument)} bytes = {Number(perDocument / _bsonBytes, "F1")}× its BSON ({Number(_bsonBytes)} bytes)");
        return now;
    }

    private long JournalBytes() => new DirectoryInfo(_data).EnumerateFiles("*.db*", SearchOption.AllDirectories).Sum(f => f.Length);

    private static TargetCheck LatencyTarget(string name, QueryFigures indexed, QueryFigures unindexed) => new(
        $"{name} p50", $"{Ms(indexed.Single)} ({IndexSizes.QueryClients} clients: {Ms(indexed.Contended)}; no index: {Ms(unindexed.Single)})",
        "<= 2 ms", indexed.Single.P50Ms <= 2);

    private static string Ratio(PhaseResult indexed, PhaseResult unindexed) =>
        $"{Number(indexed.P50Ms / unindexed.P50Ms, "F4")} (×{Number(unindexed.P50Ms / indexed.P50Ms, "N0")} faster)";

    private PhaseResult Run(PhaseResult result, string note = "") => _report.Row(result, note);

    private static GatewayClient NewClient(BenchHost host) =>
        new(host.BaseAddress, BenchHost.Env, BenchHost.AdminKey, connections: IndexSizes.QueryClients * 2);

    private static string[] Batch(int firstSku, int count) => [.. Enumerable.Range(firstSku, count).Select(SkuBook.Ejson)];

    private static string Ms(PhaseResult result) => $"{Number(result.P50Ms, "F2")} ms";

    private static string Seconds(TimeSpan elapsed) => $"{Number(elapsed.TotalSeconds, "F2")} s";

    private static string Number(double value, string format = "N0") => Report.Number(value, format);
}
