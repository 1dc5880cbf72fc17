using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;

namespace ActorCloud.Cli.Commands;

/// <summary>
/// <c>actorcloud indexes list|create|drop|explain</c>: a collection's indexes through the management API's
/// <c>DescribeTable</c>/<c>UpdateTable</c> shapes, and how a query would use them.
/// </summary>
internal static class IndexesCommand
{
    public static Command Create(CliContext context) => new("indexes", "List, create and drop a collection's indexes; explain a query")
    {
        List(context), Add(context), Drop(context), Explain(context),
    };

    private static Command List(CliContext context)
    {
        var collection = CollectionArgument();
        var command = new Command("list", "Print the collection's indexes: name, keys, unique, entries") { collection };
        command.SetAction(async (parsed, cancellation) =>
        {
            var data = await context.Client(parsed).CallAsync(
                "actorcloud.describeTable", w => w.WriteString("TableName", parsed.GetRequiredValue(collection)), cancellation);
            foreach (var index in data.GetProperty("Indexes").EnumerateArray())
            {
                var keys = string.Join(", ", index.GetProperty("Keys").EnumerateArray()
                    .Select(k => $"{k.GetProperty("Name").GetString()}: {k.GetProperty("Direction").GetString()}"));
                var flags = (index.GetProperty("Unique").GetBoolean() ? " unique" : "") +
                            (index.TryGetProperty("Multikey", out var m) && m.GetBoolean() ? " multikey" : "");
                var size = index.TryGetProperty("Size", out var s) ? $" {s.GetInt64()} entries" : "";
                await context.Out.WriteLineAsync($"{index.GetProperty("Name").GetString()}\t{{{keys}}}{flags}{size}");
            }
            return 0;
        });
        return command;
    }

    private static Command Add(CliContext context)
    {
        var collection = CollectionArgument();
        var name = new Argument<string>("name") { Description = "The index's name" };
        var keys = new Argument<string[]>("keys")
        {
            Description = "Keys as field:direction, direction 1, -1 or 2dsphere (e.g. publishInfo.year:-1 title:1)",
            Arity = ArgumentArity.OneOrMore,
            CustomParser = ParseKeys,
        };
        var unique = new Option<bool>("--unique") { Description = "Refuse documents whose keys another document has" };
        var command = new Command("create", "Create an index (refused whole when, unique, it meets existing duplicates)")
        {
            collection, name, keys, unique,
        };
        command.SetAction(async (parsed, cancellation) =>
        {
            var table = parsed.GetRequiredValue(collection);
            var index = parsed.GetRequiredValue(name);
            await context.Client(parsed).CallAsync("actorcloud.updateTable", w =>
            {
                w.WriteString("TableName", table);
                w.WriteStartArray("CreateIndexes");
                w.WriteStartObject();
                w.WriteString("IndexName", index);
                w.WriteStartObject("MgoKeySchema");
                w.WriteBoolean("MgoIsUnique", parsed.GetValue(unique));
                w.WriteStartArray("MgoIndexKeys");
                foreach (var key in parsed.GetRequiredValue(keys))
                {
                    var split = key.LastIndexOf(':');
                    w.WriteStartObject();
                    w.WriteString("Name", key[..split]);
                    w.WriteString("Direction", key[(split + 1)..]);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
            }, cancellation);
            await context.Out.WriteLineAsync($"created index {index} on {table}");
            return 0;
        });
        return command;
    }

    private static Command Drop(CliContext context)
    {
        var collection = CollectionArgument();
        var name = new Argument<string>("name") { Description = "The index's name" };
        var command = new Command("drop", "Drop an index") { collection, name };
        command.SetAction(async (parsed, cancellation) =>
        {
            var table = parsed.GetRequiredValue(collection);
            var index = parsed.GetRequiredValue(name);
            await context.Client(parsed).CallAsync("actorcloud.updateTable", w =>
            {
                w.WriteString("TableName", table);
                w.WriteStartArray("DropIndexes");
                w.WriteStartObject();
                w.WriteString("IndexName", index);
                w.WriteEndObject();
                w.WriteEndArray();
            }, cancellation);
            await context.Out.WriteLineAsync($"dropped index {index} from {table}");
            return 0;
        });
        return command;
    }

    private static Command Explain(CliContext context)
    {
        var collection = CollectionArgument();
        var query = new Argument<string>("query") { Description = "The filter as Extended JSON, e.g. '{\"publishInfo.year\": 1951}'" };
        var order = new Option<string?>("--order") { Description = "The sort as Extended JSON, e.g. '{\"title\": 1}'" };
        var limit = new Option<int?>("--limit") { Description = "How many documents the query asks for (default 100)" };
        var command = new Command("explain", "Print how a query would run: its plan, index, documents read and returned")
        {
            collection, query, order, limit,
        };
        command.SetAction(async (parsed, cancellation) =>
        {
            var data = await context.Client(parsed).CallAsync("actorcloud.explainQuery", w =>
            {
                w.WriteString("collectionName", parsed.GetRequiredValue(collection));
                w.WriteString("query", parsed.GetRequiredValue(query));
                if (parsed.GetValue(order) is { } sort) w.WriteString("order", sort);
                if (parsed.GetValue(limit) is { } count) w.WriteNumber("limit", count);
            }, cancellation);
            var index = data.GetProperty("index").ValueKind == JsonValueKind.String ? $" {data.GetProperty("index").GetString()}" : "";
            await context.Out.WriteLineAsync(
                $"{data.GetProperty("plan").GetString()}{index}: read {data.GetProperty("docsExamined").GetInt64()}, returned {data.GetProperty("returned").GetInt64()}");
            return 0;
        });
        return command;
    }

    private static Argument<string> CollectionArgument() => new("collection") { Description = "The collection's name" };

    /// <summary>Checks every key while parsing, so a malformed one is bad usage (exit 2) that never reaches the server.</summary>
    private static string[] ParseKeys(ArgumentResult result)
    {
        var keys = result.Tokens.Select(t => t.Value).ToArray();
        foreach (var key in keys)
        {
            var split = key.LastIndexOf(':');
            if (split <= 0 || key[(split + 1)..] is not ("1" or "-1" or "2dsphere"))
                result.AddError($"'{key}' is not field:direction with direction 1, -1 or 2dsphere");
        }
        return keys;
    }
}
