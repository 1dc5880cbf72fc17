namespace ActorCloud.Bench.History;

/// <summary>What the as-of phase measured, for the summary.</summary>
public sealed record AsOfOutcome(PhaseResult BySeq, PhaseResult ByTime, PhaseResult Live);

/// <summary>
/// Phase 3: <c>database.calculateDocument</c> as of random points of the collection's history, one client, each
/// answer checked against the count the history read implies; then the same number of live counts (the baseline).
/// Each as-of answer loads the nearest snapshot at or before its point and replays the events after it.
/// </summary>
public sealed class AsOfPhase(BenchSizes sizes, AdminCalls calls, Report report)
{
    /// <summary>Fixed, so every run asks about the same points of its history.</summary>
    private const int Seed = 20261125;

    public async Task<AsOfOutcome> RunAsync(string collection, CollectionTimeline timeline)
    {
        var random = new Random(Seed);
        var seqs = Enumerable.Range(0, sizes.AsOfSeqPoints).Select(_ => new AsOf(random.NextInt64(1, timeline.Last + 1), null)).ToArray();
        var times = Enumerable.Range(0, sizes.AsOfTimePoints).Select(_ => new AsOf(null, timeline.TimeOf(random.NextInt64(1, timeline.Last + 1)))).ToArray();
        var bySeq = report.Row(await LoadRunner.RunAsync($"count asOfSeq, random points of {Report.Number(timeline.Last)}", seqs.Length,
            i => CheckAsync(collection, seqs[i], timeline), clients: 1));
        var byTime = report.Row(await LoadRunner.RunAsync("count asOfTime, random event times", times.Length,
            i => CheckAsync(collection, times[i], timeline), clients: 1));
        var live = report.Row(await LoadRunner.RunAsync("count live (baseline)", seqs.Length,
            _ => CheckAsync(collection, null, timeline), clients: 1));
        return new AsOfOutcome(bySeq, byTime, live);
    }

    private async Task CheckAsync(string collection, AsOf? point, CollectionTimeline timeline)
    {
        var expected = timeline.ExpectedCount(point ?? new AsOf(timeline.Last, null));
        var total = await calls.CountAsync(collection, point);
        if (total != expected)
            throw new InvalidDataException($"count {(point is null ? "live" : $"as of {point.Seq?.ToString() ?? point.Time}")} was {total}, history says {expected}");
    }
}
