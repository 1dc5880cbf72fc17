using System.CommandLine;
using System.Text.Json;

namespace ActorCloud.Cli.Commands;

/// <summary><c>actorcloud functions list|get|delete|rollback</c>: the management chores on deployed functions.</summary>
internal static class FunctionsCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(CliContext context) => new("functions", "List, inspect, delete and roll back functions")
    {
        List(context), Get(context), Delete(context), RollBack(context),
    };

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List the environment's functions");
        command.SetAction(async (parsed, cancellation) =>
        {
            var data = await context.Client(parsed).CallAsync("actorcloud.listFunctions", _ => { }, cancellation);
            var rows = data.TryGetProperty("Functions", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(f => new[] { Text(f, "FunctionName"), Text(f, "Version"), Text(f, "Runtime"), Text(f, "Handler"), Text(f, "ModTime") }).ToList()
                : [];
            if (rows.Count == 0)
            {
                await context.Error.WriteLineAsync("no functions");
                return 0;
            }
            await WriteTableAsync(context.Out, ["NAME", "VERSION", "RUNTIME", "HANDLER", "MODIFIED"], rows);
            return 0;
        });
        return command;
    }

    private static Command Get(CliContext context)
    {
        var name = NameArgument();
        var command = new Command("get", "Show a function's settings and versions as JSON") { name };
        command.SetAction(async (parsed, cancellation) =>
        {
            var data = await context.Client(parsed).CallAsync(
                "actorcloud.getFunction", w => w.WriteString("FunctionName", parsed.GetRequiredValue(name)), cancellation);
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(data, Indented));
            return 0;
        });
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var name = NameArgument();
        var command = new Command("delete", "Delete a function") { name };
        command.SetAction(async (parsed, cancellation) =>
        {
            var function = parsed.GetRequiredValue(name);
            await context.Client(parsed).CallAsync("actorcloud.deleteFunction", w => w.WriteString("FunctionName", function), cancellation);
            await context.Out.WriteLineAsync($"deleted {function}");
            return 0;
        });
        return command;
    }

    private static Command RollBack(CliContext context)
    {
        var name = NameArgument();
        var version = new Argument<int>("version") { Description = "The earlier version whose code and settings to bring back" };
        var command = new Command("rollback", "Make an earlier version current again (as a new version)") { name, version };
        command.SetAction(async (parsed, cancellation) =>
        {
            var function = parsed.GetRequiredValue(name);
            var earlier = parsed.GetRequiredValue(version);
            if (earlier < 1) throw CliError.Usage("version must be 1 or more");
            var data = await context.Client(parsed).CallAsync("actorcloud.rollBackFunction", w =>
            {
                w.WriteString("FunctionName", function);
                w.WriteNumber("Version", earlier);
            }, cancellation);
            await context.Out.WriteLineAsync($"rolled back {function} to version {earlier}: now version {Text(data, "Version")}, code sha256 {Text(data, "CodeSha256")}");
            return 0;
        });
        return command;
    }

    private static Argument<string> NameArgument() => new("name") { Description = "The function's name" };

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.ToString() : "";

    // Plain space-aligned columns rather than a drawn table: the output is read by people and by `awk` alike.
    private static async Task WriteTableAsync(TextWriter output, string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
            await output.WriteLineAsync(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))));
    }
}
