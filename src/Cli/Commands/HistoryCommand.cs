using System.CommandLine;
using System.Text.Json;

namespace ActorCloud.Cli.Commands;

/// <summary>
/// <c>actorcloud history [collection]</c> prints history as NDJSON, streamed (pipe it into <c>jq</c>);
/// <c>actorcloud restore &lt;collection&gt;</c> brings a collection, or some of its documents, back to a past point, or
/// forks that past into a new collection.
/// </summary>
internal static class HistoryCommand
{
    public static Command History(CliContext context)
    {
        var collection = new Argument<string?>("collection") { Description = "The collection (default: the environment's whole change feed)", Arity = ArgumentArity.ZeroOrOne };
        var doc = new Option<string?>("--doc") { Description = "Only the events of this document id" };
        var from = new Option<long?>("--from") { Description = "First sequence number (or feed offset)" };
        var to = new Option<long?>("--to") { Description = "Last sequence number" };
        var since = new Option<string?>("--since") { Description = "Events at or after this time (ISO 8601 or Unix ms)" };
        var until = new Option<string?>("--until") { Description = "Events at or before this time" };
        var limit = new Option<long?>("--limit") { Description = "At most this many events" };
        var follow = new Option<bool>("--follow") { Description = "Keep printing new events as they happen (a collection's history)" };
        var command = new Command("history", "Print history as JSON lines: what changed, when and by whom")
        {
            collection, doc, from, to, since, until, limit, follow,
        };
        command.SetAction(async (parsed, cancellation) =>
        {
            var query = new List<KeyValuePair<string, string>>();
            void Add(string name, object? value)
            {
                if (value is not null) query.Add(new(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!));
            }
            Add("collection", parsed.GetValue(collection));
            Add("doc", parsed.GetValue(doc));
            Add("from", parsed.GetValue(from));
            Add("to", parsed.GetValue(to));
            Add("since", parsed.GetValue(since));
            Add("until", parsed.GetValue(until));
            Add("limit", parsed.GetValue(limit));
            if (parsed.GetValue(follow)) Add("follow", "true");
            await context.Client(parsed).StreamHistoryAsync(query, line => context.Out.WriteLineAsync(line), cancellation);
            return 0;
        });
        return command;
    }

    public static Command Restore(CliContext context)
    {
        var collection = new Argument<string>("collection") { Description = "The collection to restore" };
        var seq = new Option<long?>("--seq") { Description = "Restore to the state after this sequence number" };
        var time = new Option<string?>("--time") { Description = "Restore to the state at this time (ISO 8601 or Unix ms)" };
        var ids = new Option<string[]>("--id") { Description = "Only these documents (repeatable)", AllowMultipleArgumentsPerToken = true };
        var into = new Option<string?>("--into") { Description = "Fork the past state into this new collection instead" };
        var command = new Command("restore", "Bring a collection (or some documents) back to a past point, as new events") { collection, seq, time, ids, into };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(seq) is null) == (result.GetValue(time) is null)) result.AddError("give exactly one of --seq and --time");
        });
        command.SetAction(async (parsed, cancellation) =>
        {
            var data = await context.Client(parsed).CallAsync("actorcloud.restoreCollection", w =>
            {
                w.WriteString("collectionName", parsed.GetRequiredValue(collection));
                if (parsed.GetValue(seq) is { } s) w.WriteNumber("asOfSeq", s);
                if (parsed.GetValue(time) is { } t)
                {
                    if (long.TryParse(t, out var ms)) w.WriteNumber("asOfTime", ms);
                    else w.WriteString("asOfTime", t);
                }
                if (parsed.GetValue(ids) is { Length: > 0 } list)
                {
                    w.WriteStartArray("ids");
                    foreach (var id in list) w.WriteStringValue(id);
                    w.WriteEndArray();
                }
                if (parsed.GetValue(into) is { } fork) w.WriteString("into", fork);
            }, cancellation);
            await context.Out.WriteLineAsync(
                $"{Text(data, "collectionName")}: as of event {Text(data, "asOfSeq")} — {Text(data, "inserted")} inserted, " +
                $"{Text(data, "replaced")} replaced, {Text(data, "removed")} removed");
            return 0;
        });
        return command;
    }

    private static string Text(JsonElement data, string name) => data.TryGetProperty(name, out var value) ? value.ToString() : "?";
}
