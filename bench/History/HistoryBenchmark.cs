using System.Runtime;

namespace ActorCloud.Bench.History;

/// <summary>
/// The phases, in order, against one in-process host over HTTP: an unreported warm-up, building the collection's
/// history, reading it (NDJSON, SSE, the environment's feed; live paging as the baseline), as-of counts (live
/// counts as the baseline), realtime watch fan-out (the writer alone as the baseline); then the summary of ratios.
/// </summary>
public sealed class HistoryBenchmark(BenchSizes sizes, string workDirectory)
{
    private const string Events = "events";
    private const string WarmUp = "warmup";
    private readonly Report _report = new();

    /// <summary>Runs everything; returns the process exit code (1 when any request failed).</summary>
    public async Task<int> RunAsync()
    {
        PrintSetup();
        var host = await BenchHost.StartAsync(Path.Combine(workDirectory, "actorcloud"));
        try
        {
            using var client = new GatewayClient(host.BaseAddress, BenchHost.Env, BenchHost.AdminKey, connections: LoadRunner.Clients * 2);
            var calls = new AdminCalls(client, new ActionBodies(BenchHost.Env));
            await WarmUpAsync(host, calls);

            Report.Section($"Build '{Events}': {Report.Number(sizes.HistoryEvents)} events, {LoadRunner.Clients} clients");
            Report.Header();
            await new BuildPhase(sizes, calls, _report).RunAsync(Events);

            Report.Section("Read the whole history, 1 client, line by line as it arrives");
            Report.Header();
            var (reads, timeline) = await new ReadPhase(sizes, host, calls, _report).RunAsync(Events);

            Report.Section("As-of counts, 1 client (nearest snapshot at or before the point, then replay)");
            Report.Header();
            var asOf = await new AsOfPhase(sizes, calls, _report).RunAsync(Events, timeline);

            var watch = await new WatchFanOut(sizes, host, calls, _report).RunAsync();
            Summarize(reads, asOf, watch);
        }
        finally
        {
            await host.StopAsync();
        }
        return _report.HasErrors ? 1 : 0;
    }

    private void PrintSetup()
    {
        Report.Section($"ActorCloud history benchmark ({sizes.Mode} run)");
        Report.Line("machine", $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC; clients and server share this process");
        Report.Line("document", $"{System.Text.Encoding.UTF8.GetByteCount(Ejson.Document(12345))} bytes of EJSON");
        Report.Line("data", workDirectory);
    }

    /// <summary>
    /// The build, read and as-of phases once on a small collection, printed nowhere, so tiered JIT and the connection
    /// pools settle before anything is measured; a failure is still reported.
    /// </summary>
    private async Task WarmUpAsync(BenchHost host, AdminCalls calls)
    {
        var quiet = new Report();
        var console = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            await new BuildPhase(BenchSizes.WarmUp, calls, quiet).RunAsync(WarmUp);
            var (_, timeline) = await new ReadPhase(BenchSizes.WarmUp, host, calls, quiet).RunAsync(WarmUp);
            await new AsOfPhase(BenchSizes.WarmUp, calls, quiet).RunAsync(WarmUp, timeline);
        }
        finally
        {
            Console.SetOut(console);
        }
        foreach (var failed in quiet.Failures) _report.Row(failed with { Name = $"warm-up: {failed.Name}" });
    }

    private void Summarize(ReadOutcome reads, AsOfOutcome asOf, WatchOutcome? watch)
    {
        static string N(double value, string format = "N0") => Report.Number(value, format);
        var paging = $"{N(reads.Paging.Rate)} docs/s";
        List<Comparison> comparisons =
        [
            new("history NDJSON / live paging", $"{N(reads.Ndjson.Rate)} events/s", paging, reads.Ndjson.Rate / reads.Paging.Rate),
            new("history SSE / live paging", $"{N(reads.Sse.Rate)} events/s", paging, reads.Sse.Rate / reads.Paging.Rate),
            new("environment feed / live paging", $"{N(reads.Feed.Rate)} events/s", paging, reads.Feed.Rate / reads.Paging.Rate),
            new("asOfSeq count p50 / live p50", $"{N(asOf.BySeq.Latency!.P50Ms, "F2")} ms", $"{N(asOf.Live.Latency!.P50Ms, "F2")} ms",
                asOf.BySeq.Latency.P50Ms / asOf.Live.Latency.P50Ms),
            new("asOfTime count p50 / live p50", $"{N(asOf.ByTime.Latency!.P50Ms, "F2")} ms", $"{N(asOf.Live.Latency.P50Ms, "F2")} ms",
                asOf.ByTime.Latency.P50Ms / asOf.Live.Latency.P50Ms),
        ];
        if (watch is not null)
        {
            comparisons.Add(new("deliveries / offered (rate)", $"{N(watch.Deliveries.Rate)}/s", $"{N(watch.OfferedPerSecond)}/s",
                watch.Deliveries.Rate / watch.OfferedPerSecond));
            comparisons.Add(new("insert p50 watched / unwatched", $"{N(watch.Writer.Latency!.P50Ms, "F2")} ms", $"{N(watch.WriterAlone.Latency!.P50Ms, "F2")} ms",
                watch.Writer.Latency.P50Ms / watch.WriterAlone.Latency.P50Ms));
        }
        _report.Summary(comparisons);
        Report.Line("GC heap peak growth, NDJSON read", $"whole history {reads.Whole}; first tenth {reads.Tenth}");
        if (watch is null) Report.Line("watch fan-out", "skipped: the server has no realtime endpoint yet (see above)");
    }
}
