using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;

namespace ActorCloud.Bench.History;

/// <summary>What the watch phase measured, for the summary.</summary>
public sealed record WatchOutcome(PhaseResult WriterAlone, PhaseResult Writer, PhaseResult Deliveries, double OfferedPerSecond);

/// <summary>
/// Realtime fan-out: the steady writer alone on a collection nobody watches (the baseline), then the same writes
/// into a collection watched by <see cref="BenchSizes.Watchers"/> WebSocket connections, each signed with its own
/// <c>auth.wsWebSign</c>, LOGIN and INIT_WATCH on <c>{}</c>. Reports deliveries per second across all watchers and
/// each delivery's delay from the writer's answer (the insert was committed) and from its send. Skipped, with a
/// note, when the server has no realtime endpoint yet.
/// </summary>
public sealed class WatchFanOut(BenchSizes sizes, BenchHost host, AdminCalls calls, Report report)
{
    private const string Baseline = "unwatched";
    private const string Watched = "watched";
    private const int OpeningClients = 16;
    private static readonly TimeSpan DeliveryQuiet = TimeSpan.FromSeconds(10);

    /// <summary>The measurement, or null when the phase was skipped.</summary>
    public async Task<WatchOutcome?> RunAsync()
    {
        var offered = (double)sizes.WatchRate * sizes.Watchers;
        Report.Section($"Watch: 1 writer at {sizes.WatchRate}/s, {Report.Number(sizes.WatchEvents)} inserts, {sizes.Watchers} watchers on '{Watched}' ({Report.Number(offered)} deliveries/s offered)");
        WsSign first;
        try
        {
            first = await calls.WsWebSignAsync();
        }
        catch (GatewayException e) when (e.Message.StartsWith("INVALID_ACTION:", StringComparison.Ordinal))
        {
            Report.Line("SKIPPED", $"auth.wsWebSign is unknown to the server ({e.Message}); {await UpgradeStatusAsync(UrlOf(""))}");
            return null;
        }
        var url = UrlOf(first.WsUrl);
        var envId = first.EnvId is { Length: > 0 } env ? env : BenchHost.Env;
        await calls.AddCollectionAsync(Baseline);
        await calls.AddCollectionAsync(Watched);
        try
        {
            // One watcher opened and closed first: a missing endpoint is a note, not 200 failures.
            await (await WatchConnection.OpenAsync(url, first, envId, Watched, 0, new DeliveryLog(1, sizes.WatchEvents))).DisposeAsync();
        }
        catch (WatchUnavailableException e)
        {
            Report.Line("SKIPPED", $"no realtime endpoint: {e.Message} (wsUrl '{first.WsUrl}')");
            return null;
        }
        Report.Header();
        // Before the watchers open: they send no PING, so they must not sit idle through it.
        var alone = report.Row(await SteadyWriter.RunAsync("writer alone, collection not watched", calls, Baseline,
            sizes.WatchEvents, sizes.WatchRate, new DeliveryLog(0, sizes.WatchEvents)), "the baseline");
        var log = new DeliveryLog(sizes.Watchers, sizes.WatchEvents);
        var connections = new WatchConnection?[sizes.Watchers];
        try
        {
            report.Row(PhaseResult.Of("open watcher: sign, connect, LOGIN, INIT", "ops/s",
                await ClosedLoop.RunAsync(sizes.Watchers, OpeningClients, async i =>
                {
                    var sign = await calls.WsWebSignAsync();
                    connections[i] = await WatchConnection.OpenAsync(url, sign, envId, Watched, i, log);
                })), $"{OpeningClients} at a time");
            var writer = report.Row(await SteadyWriter.RunAsync($"writer, {connections.Count(c => c is not null)} watchers", calls, Watched,
                sizes.WatchEvents, sizes.WatchRate, log));
            await WaitForDeliveriesAsync(log);
            return new WatchOutcome(alone, writer, ReportDeliveries(log), offered);
        }
        finally
        {
            await Task.WhenAll(connections.OfType<WatchConnection>().Select(c => c.DisposeAsync().AsTask()));
            if (log.UncleanCloses > 0) Report.Line("! unclean closes", $"{log.UncleanCloses} of {sizes.Watchers}; first: {log.FirstUncleanClose}");
        }
    }

    /// <summary>Both delays of every delivery; a delivery that never came is a failure of the first row.</summary>
    private PhaseResult ReportDeliveries(DeliveryLog log)
    {
        var (fromAnswer, missing) = log.DelaysFrom(log.Answered);
        var (fromSend, _) = log.DelaysFrom(log.Sent);
        var span = TimeSpan.FromSeconds((log.LastArrival - log.Sent[0]) / (double)Stopwatch.Frequency);
        var errors = log.Errors + missing;
        var firstError = missing > 0 ? $"{missing} deliveries never arrived" : log.FirstError;
        var answered = report.Row(new PhaseResult("deliveries, delay from the insert's answer", fromAnswer.Length, span, "deliv/s",
            ClosedLoop.Measure(fromAnswer, span, errors, firstError), errors, firstError), "negative: pushed before the answer arrived");
        report.Row(new PhaseResult("deliveries, delay from the insert's send", fromSend.Length, span, "deliv/s",
            ClosedLoop.Measure(fromSend, span, 0, null), 0, null), "includes the durable commit");
        return answered;
    }

    /// <summary>Until every watcher has every document, or nothing arrived for <see cref="DeliveryQuiet"/>.</summary>
    private async Task WaitForDeliveriesAsync(DeliveryLog log)
    {
        var expected = (long)sizes.Watchers * sizes.WatchEvents;
        var (last, quiet) = (log.Delivered, Stopwatch.StartNew());
        while (log.Delivered < expected && quiet.Elapsed < DeliveryQuiet)
        {
            await Task.Delay(20);
            if (log.Delivered != last) (last, quiet) = (log.Delivered, Stopwatch.StartNew());
        }
    }

    /// <summary>The socket address <c>wsWebSign</c> named, made absolute; this host's <c>/watch</c> when it named none.</summary>
    private Uri UrlOf(string wsUrl)
    {
        var address = new Uri(host.BaseAddress, wsUrl is { Length: > 0 } ? wsUrl : "/watch");
        var scheme = address.Scheme switch { "http" => "ws", "https" => "wss", var s => s };
        return new UriBuilder(address) { Scheme = scheme }.Uri;
    }

    /// <summary>How the server answers an upgrade at <paramref name="url"/>, for the note when the phase is skipped.</summary>
    private static async Task<string> UpgradeStatusAsync(Uri url)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(url, CancellationToken.None);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "probe", CancellationToken.None);
            return $"{url} accepts WebSocket upgrades";
        }
        catch (WebSocketException) when (socket.HttpStatusCode != 0)
        {
            return $"the upgrade at {url} was answered HTTP {(int)socket.HttpStatusCode}{(socket.HttpStatusCode == HttpStatusCode.NotFound ? " (no /watch yet)" : "")}";
        }
    }
}
