using System.Diagnostics;

namespace ActorCloud.Bench.History;

/// <summary>The GC heap around a read, and how many bytes of body it streamed.</summary>
public sealed record HeapUse(HeapFigures Heap, long Streamed)
{
    public override string ToString() => $"+{Report.Bytes(Heap.Peak - Heap.Before)} for {Report.Bytes(Streamed)} streamed";
}

/// <summary>What the read phase measured, for the summary.</summary>
public sealed record ReadOutcome(PhaseResult Ndjson, HeapUse Whole, HeapUse Tenth, PhaseResult Sse, PhaseResult Feed, PhaseResult Paging);

/// <summary>
/// Phase 2: the collection's whole history over HTTP as NDJSON (and its first tenth), as Server-Sent Events, then
/// the environment's whole feed, each read once by one client line by line with the GC heap sampled meanwhile; then
/// the baseline: the live documents paged with <c>database.getDocument</c>, 1 000 at a time, by one client.
/// </summary>
public sealed class ReadPhase(BenchSizes sizes, BenchHost host, AdminCalls calls, Report report)
{
    private const int PageSize = 1000;

    /// <summary>The figures, and the collection's timeline as the NDJSON read found it (for the as-of phase).</summary>
    public async Task<(ReadOutcome Outcome, CollectionTimeline Timeline)> RunAsync(string collection)
    {
        using var reader = new HistoryReader(host.BaseAddress, BenchHost.AdminKey);
        var query = $"env={BenchHost.Env}&collection={collection}";
        var timeline = new CollectionTimeline(sizes.HistoryEvents);
        var (ndjson, heap, bytes) = await ReadAsync(reader, "history, NDJSON", query, sse: false, sizes.HistoryEvents, timeline.Record);
        Report.Line("  operations", string.Join(", ", timeline.Ops.OrderBy(o => o.Key).Select(o => $"{o.Key.ToString().ToLowerInvariant()} {Report.Number(o.Value)}")));

        // The same read of a tenth: a streamed read's peak does not grow with the history read, a buffered one's would.
        var tenth = sizes.HistoryEvents / 10;
        long seq = 0;
        var (_, tenthHeap, tenthBytes) = await ReadAsync(reader, "history, NDJSON, first tenth", $"{query}&to={tenth}", sse: false, tenth, line =>
            seq = line.Seq == seq + 1 ? line.Seq : throw new InvalidDataException($"history jumped from seq {seq} to {line.Seq}"));

        seq = 0;
        var (sse, _, _) = await ReadAsync(reader, "history, SSE", query, sse: true, sizes.HistoryEvents, line =>
            seq = line.Seq == seq + 1 ? line.Seq : throw new InvalidDataException($"SSE history jumped from seq {seq} to {line.Seq}"));

        long offset = 0;
        var (feed, _, _) = await ReadAsync(reader, "environment feed, NDJSON", $"env={BenchHost.Env}", sse: false, expected: null, line =>
            offset = line.Offset > offset ? line.Offset.Value : throw new InvalidDataException($"feed offset {line.Offset} after {offset}"));

        var paging = report.Row(await PageLiveAsync(collection), $"pages of {PageSize}, p50/p99/max per page");
        return (new ReadOutcome(ndjson, new HeapUse(heap, bytes), new HeapUse(tenthHeap, tenthBytes), sse, feed, paging), timeline);
    }

    /// <summary>One read; fewer or more lines than <paramref name="expected"/> (when known: what the build wrote) is a failure.</summary>
    private async Task<(PhaseResult, HeapFigures, long)> ReadAsync(
        HistoryReader reader, string name, string query, bool sse, long? expected, Action<HistoryLine> check)
    {
        var totals = new StreamTotals(0, 0);
        var (errors, firstError) = (0, (string?)null);
        using var heap = new HeapSampler();
        var clock = Stopwatch.StartNew();
        try
        {
            totals = await reader.ReadAsync(query, sse, check);
            if (expected is { } lines && totals.Lines != lines)
                throw new InvalidDataException($"{totals.Lines} events in history, {lines} written");
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or System.Text.Json.JsonException or IOException)
        {
            (errors, firstError) = (1, $"{e.GetType().Name}: {e.Message}");
        }
        clock.Stop();
        var figures = heap.Stop();
        var mbPerSecond = totals.Bytes / 1048576.0 / clock.Elapsed.TotalSeconds;
        var result = report.Row(new PhaseResult(name, totals.Lines, clock.Elapsed, "events/s", null, errors, firstError),
            $"{Report.Bytes(totals.Bytes)}, {Report.Number(mbPerSecond, "F1")} MB/s");
        Report.Line("  GC heap (client and host)", $"before {Report.Bytes(figures.Before)}, peak {Report.Bytes(figures.Peak)} " +
            $"(+{Report.Bytes(figures.Peak - figures.Before)}), after {Report.Bytes(figures.After)}; " +
            $"{Report.Number(figures.Allocated / (double)Math.Max(1, totals.Lines))} B allocated per event");
        return (result, figures, totals.Bytes);
    }

    /// <summary><c>skip(offset).limit(1000).get()</c> until the collection is read; every page but the last must be full.</summary>
    private async Task<PhaseResult> PageLiveAsync(string collection)
    {
        var live = await calls.CountAsync(collection);
        var pages = (int)((live + PageSize - 1) / PageSize);
        long documents = 0;
        var m = await ClosedLoop.RunAsync(pages, 1, async page =>
        {
            var expected = (int)Math.Min(PageSize, live - (long)page * PageSize);
            var got = await calls.PageAsync(collection, page * PageSize, PageSize);
            documents += got;
            if (got != expected) throw new InvalidDataException($"page {page} held {got} documents, expected {expected}");
        });
        return new PhaseResult("live docs, getDocument pages (baseline)", documents, m.Elapsed, "docs/s", m, m.Errors, m.FirstError);
    }
}
