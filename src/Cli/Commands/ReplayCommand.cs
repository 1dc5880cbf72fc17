using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace ActorCloud.Cli.Commands;

/// <summary>
/// <c>actorcloud replay</c> checks collections' event histories: each is replayed from its first event, and from its
/// latest snapshot as a recovery would, and compared with the live collection document by document (a checksum; the
/// documents that differ are named); <c>--rebuild-snapshot</c> then saves a fresh snapshot of each verified one.
/// <c>actorcloud stats</c> prints each collection's event count, latest snapshot and current recovery time.
/// </summary>
internal static class ReplayCommand
{
    /// <summary>Exit code when a replay does not match the live state.</summary>
    public const int MismatchExitCode = 1;

    public static Command Replay(CliContext context)
    {
        var names = new Argument<string[]>("collection") { Description = "The collections to check (default: all of the environment's)", Arity = ArgumentArity.ZeroOrMore };
        var rebuild = new Option<bool>("--rebuild-snapshot") { Description = "After a collection verifies, save a fresh snapshot of it" };
        var command = new Command("replay", "Replay collections' events into fresh states and compare them with the live ones (checksum of every document)")
        {
            names, rebuild,
        };
        command.SetAction(async (parsed, cancellation) =>
        {
            var client = context.Client(parsed);
            var collections = parsed.GetValue(names) is { Length: > 0 } given ? given : await AllAsync(client, cancellation);
            var mismatches = 0;
            foreach (var name in collections)
            {
                var report = await client.CallAsync("actorcloud.verifyCollection", w =>
                {
                    w.WriteString("collectionName", name);
                    w.WriteBoolean("rebuildSnapshot", parsed.GetValue(rebuild));
                }, cancellation);
                var match = report.GetProperty("match").GetBoolean();
                if (!match) mismatches++;
                var snapshot = report.TryGetProperty("snapshotSaved", out var saved) ? $", new snapshot at {saved.GetInt64()}" : "";
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{name}\t{(match ? "match" : "MISMATCH")}\t{report.GetProperty("sequenceNr").GetInt64()} events\t" +
                    $"replay {report.GetProperty("replayMs").GetDouble():0.#} ms ({report.GetProperty("eventsPerSecond").GetDouble():N0} events/s)\t" +
                    $"recovery {report.GetProperty("recoveryMs").GetDouble():0.#} ms from snapshot {report.GetProperty("recoveredFromSnapshot").GetInt64()}{snapshot}\t" +
                    $"checksum {report.GetProperty("live").GetString()}"));
                foreach (var difference in report.GetProperty("differences").EnumerateArray())
                    await context.Out.WriteLineAsync($"  {difference.GetString()}");
            }
            if (mismatches > 0) await context.Error.WriteLineAsync($"{mismatches} of {collections.Count} collections do not match their history");
            return mismatches > 0 ? MismatchExitCode : 0;
        });
        return command;
    }

    public static Command Stats(CliContext context)
    {
        var name = new Argument<string?>("collection") { Description = "One collection (default: all)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("stats", "Print each collection's events, latest snapshot, documents and recovery time") { name };
        command.SetAction(async (parsed, cancellation) =>
        {
            var data = await context.Client(parsed).CallAsync("actorcloud.collectionStats", w =>
            {
                if (parsed.GetValue(name) is { } one) w.WriteString("collectionName", one);
            }, cancellation);
            await context.Out.WriteLineAsync("collection\tevents\tsnapshot at\treplayed\tdocuments\trecovery ms");
            foreach (var row in data.GetProperty("collections").EnumerateArray())
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{row.GetProperty("name").GetString()}\t{row.GetProperty("events").GetInt64()}\t{row.GetProperty("snapshotAt").GetInt64()}\t" +
                    $"{row.GetProperty("replayedEvents").GetInt64()}\t{row.GetProperty("documents").GetInt64()}\t{row.GetProperty("recoveryMs").GetDouble():0.#}"));
            }
            return 0;
        });
        return command;
    }

    private static async Task<IReadOnlyList<string>> AllAsync(Http.AdminClient client, CancellationToken cancellation)
    {
        var data = await client.CallAsync("actorcloud.listCollections", _ => { }, cancellation);
        return [.. data.GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];
    }
}
