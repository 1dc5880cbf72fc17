using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;

namespace ActorCloud.Cli.Commands;

/// <summary>
/// <c>actorcloud permissions get|set|rules|storage</c>: what end users may do with a collection or with the environment's
/// files — one of CloudBase's four classic modes, or <c>CUSTOM</c> security rules. Admins are never restricted by them.
/// </summary>
internal static class PermissionsCommand
{
    private const string Custom = "CUSTOM";
    private static readonly string[] ClassicTags = ["READONLY", "PRIVATE", "ADMINWRITE", "ADMINONLY"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private const string ModesHelp =
        "READONLY: everyone reads, the creator writes; PRIVATE: the creator reads and writes; " +
        "ADMINWRITE: everyone reads, only admins write; ADMINONLY: only admins read and write";

    public static Command Create(CliContext context) => new("permissions", "Show and set what end users may do with collections and files")
    {
        Get(context), Set(context), Rules(context), Storage(context),
    };

    private static Command Get(CliContext context)
    {
        var collection = CollectionArgument();
        var command = new Command("get", "Print a collection's mode, and its security rules when CUSTOM") { collection };
        command.SetAction(async (parsed, cancellation) =>
        {
            var data = await context.Client(parsed).CallAsync(
                "actorcloud.describeDatabaseACL", w => w.WriteString("CollectionName", parsed.GetRequiredValue(collection)), cancellation);
            await WriteDescribedAsync(context.Out, data);
            return 0;
        });
        return command;
    }

    private static Command Set(CliContext context)
    {
        var collection = CollectionArgument();
        var tag = new Argument<string>("mode")
        {
            Description = $"{ModesHelp} (security rules are set with 'permissions rules')",
            CustomParser = TagParser(ClassicTags, "security rules are set with 'actorcloud permissions rules'"),
        };
        var command = new Command("set", "Give a collection one of the classic modes") { collection, tag };
        command.SetAction(async (parsed, cancellation) =>
        {
            var name = parsed.GetRequiredValue(collection);
            var mode = parsed.GetRequiredValue(tag);
            await context.Client(parsed).CallAsync("actorcloud.modifyDatabaseACL", w =>
            {
                w.WriteString("CollectionName", name);
                w.WriteString("AclTag", mode);
            }, cancellation);
            await context.Out.WriteLineAsync($"set {name} to {mode}");
            return 0;
        });
        return command;
    }

    private static Command Rules(CliContext context)
    {
        var collection = CollectionArgument();
        var file = new Argument<string?>("file")
        {
            Description = "A JSON file of rules, e.g. {\"read\": true, \"write\": \"doc._openid == auth.openid\"}",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<string?>("--json") { Description = "The rules inline, instead of a file" };
        var command = new Command("rules", "Give a collection security rules (its mode becomes CUSTOM)") { collection, file, json };
        command.SetAction(async (parsed, cancellation) =>
        {
            var name = parsed.GetRequiredValue(collection);
            var rules = (parsed.GetValue(file), parsed.GetValue(json)) switch
            {
                ({ } path, null) => ReadRules(path),
                (null, { } inline) => inline,
                (null, null) => throw CliError.Usage("give the rules as a file or with --json"),
                _ => throw CliError.Usage("give the rules as a file or with --json, not both"),
            };
            // Sent as text, the management API's shape; the server validates it and names what is wrong.
            await context.Client(parsed).CallAsync("actorcloud.modifySafeRule", w =>
            {
                w.WriteString("CollectionName", name);
                w.WriteString("AclTag", Custom);
                w.WriteString("Rule", rules);
            }, cancellation);
            await context.Out.WriteLineAsync($"set {name} to {Custom}");
            return 0;
        });
        return command;
    }

    private static Command Storage(CliContext context)
    {
        var tag = new Option<string?>("--set")
        {
            HelpName = "mode",
            Description = $"Change the mode: {ModesHelp}; or CUSTOM with --rules",
            CustomParser = TagParser([.. ClassicTags, Custom], null),
        };
        var rules = new Option<string?>("--rules") { HelpName = "file", Description = "With --set CUSTOM: a JSON file of {\"read\", \"write\"} rules" };
        var command = new Command("storage", "Print the files' mode and rules, or change them with --set") { tag, rules };
        command.SetAction(async (parsed, cancellation) =>
        {
            var mode = parsed.GetValue(tag);
            var path = parsed.GetValue(rules);
            var client = context.Client(parsed);
            if (mode is null)
            {
                if (path is not null) throw CliError.Usage("--rules needs --set CUSTOM");
                await WriteDescribedAsync(context.Out, await client.CallAsync("actorcloud.describeStorageSafeRule", _ => { }, cancellation));
                return 0;
            }
            if (mode == Custom && path is null) throw CliError.Usage("--set CUSTOM needs --rules <file>");
            if (mode != Custom && path is not null) throw CliError.Usage($"--rules goes with --set CUSTOM, not {mode}");
            var text = path is null ? null : ReadRules(path);
            await client.CallAsync("actorcloud.modifyStorageSafeRule", w =>
            {
                w.WriteString("AclTag", mode);
                if (text is not null) w.WriteString("Rule", text);
            }, cancellation);
            await context.Out.WriteLineAsync($"set storage to {mode}");
            return 0;
        });
        return command;
    }

    private static Argument<string> CollectionArgument() => new("collection") { Description = "The collection's name" };

    /// <summary>
    /// Accepts a mode in any case and checks it while parsing, so a typo is bad usage (exit 2) that never reaches the server.
    /// </summary>
    private static Func<ArgumentResult, string?> TagParser(string[] allowed, string? hint) => result =>
    {
        var given = result.Tokens.Single().Value;
        var tag = given.ToUpperInvariant();
        if (allowed.Contains(tag)) return tag;
        var message = $"'{given}' is not a mode here; use one of {string.Join(", ", allowed)}";
        result.AddError(tag == Custom && hint is not null ? $"{message} ({hint})" : message);
        return null;
    };

    private static string ReadRules(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliError.Failure($"cannot read the rules from {path}: {e.Message}");
        }
    }

    /// <summary>The mode on its own line (for scripts), then the rules, indented for people, when there are any.</summary>
    private static async Task WriteDescribedAsync(TextWriter output, JsonElement data)
    {
        var tag = data.TryGetProperty("AclTag", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "?";
        await output.WriteLineAsync(tag);
        if (!data.TryGetProperty("Rule", out var rule) || rule.ValueKind != JsonValueKind.String) return;
        using var rules = JsonDocument.Parse(rule.GetString()!);
        await output.WriteLineAsync(JsonSerializer.Serialize(rules.RootElement, Indented));
    }
}
