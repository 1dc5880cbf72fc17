using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ActorCloud.Cli.Tests.Support;

namespace ActorCloud.Cli.Tests;

/// <summary><c>actorcloud permissions get|set|rules|storage</c> against the real host.</summary>
public sealed class PermissionsCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string OwnerWrites = """{"read": true, "write": "doc._openid == auth.openid"}""";

    [Fact]
    public async Task Set_then_get_shows_the_mode()
    {
        await CreateCollectionAsync("modes");
        Assert.Equal("PRIVATE", (await server.RunAsync("permissions", "get", "modes")).Out.Trim());

        // Any case is accepted and sent as the server spells it.
        var set = await server.RunAsync("permissions", "set", "modes", "readonly");
        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal("set modes to READONLY", set.Out.Trim());

        var get = await server.RunAsync("permissions", "get", "modes");
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal("READONLY", get.Out.Trim());
    }

    [Fact]
    public async Task Rules_from_a_file_or_inline_round_trip_and_get_prints_them_indented()
    {
        await CreateCollectionAsync("ruled");
        var file = Path.Combine(Directory.CreateTempSubdirectory("actorcloud-cli-rules-").FullName, "rules.json");
        await File.WriteAllTextAsync(file, OwnerWrites);

        var set = await server.RunAsync("permissions", "rules", "ruled", file);
        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal("set ruled to CUSTOM", set.Out.Trim());
        var rules = RulesOf(await server.RunAsync("permissions", "get", "ruled"), out var printed);
        Assert.True(rules.GetProperty("read").GetBoolean());
        Assert.Equal("doc._openid == auth.openid", rules.GetProperty("write").GetString());
        Assert.Contains("\n  \"read\": true", printed);

        var inline = await server.RunAsync("permissions", "rules", "ruled", "--json", """{"read": "auth != null"}""");
        Assert.True(inline.ExitCode == 0, inline.ToString());
        Assert.Equal("auth != null", RulesOf(await server.RunAsync("permissions", "get", "ruled"), out _).GetProperty("read").GetString());
    }

    [Fact]
    public async Task Invalid_rules_are_refused_with_the_servers_message_and_nothing_changes()
    {
        await CreateCollectionAsync("badrules");

        var result = await server.RunAsync("permissions", "rules", "badrules", "--json", """{"read": true, "erase": true}""");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error INVALID_PARAM: invalid security rules:", result.Error);
        Assert.Contains("erase", result.Error);
        Assert.Equal("PRIVATE", (await server.RunAsync("permissions", "get", "badrules")).Out.Trim());
    }

    [Fact]
    public async Task An_unknown_collection_or_a_missing_rules_file_exits_1()
    {
        var get = await server.RunAsync("permissions", "get", "no-such-collection");
        Assert.Equal(1, get.ExitCode);
        Assert.StartsWith("error DATABASE_COLLECTION_NOT_EXIST:", get.Error);

        var set = await server.RunAsync("permissions", "set", "no-such-collection", "ADMINONLY");
        Assert.Equal(1, set.ExitCode);
        Assert.StartsWith("error DATABASE_COLLECTION_NOT_EXIST:", set.Error);

        var missing = await server.RunAsync("permissions", "rules", "no-such-collection", "/no/such/rules.json");
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("error: cannot read the rules from /no/such/rules.json", missing.Error);
    }

    [Fact]
    public async Task Storage_shows_and_sets_the_files_mode_and_rules()
    {
        Assert.Equal("READONLY", (await server.RunAsync("permissions", "storage")).Out.Trim());

        var classic = await server.RunAsync("permissions", "storage", "--set", "ADMINONLY");
        Assert.True(classic.ExitCode == 0, classic.ToString());
        Assert.Equal("set storage to ADMINONLY", classic.Out.Trim());
        Assert.Equal("ADMINONLY", (await server.RunAsync("permissions", "storage")).Out.Trim());

        var file = Path.Combine(Directory.CreateTempSubdirectory("actorcloud-cli-rules-").FullName, "storage.json");
        await File.WriteAllTextAsync(file, """{"read": true, "write": "resource.openid == auth.openid"}""");
        var custom = await server.RunAsync("permissions", "storage", "--set", "CUSTOM", "--rules", file);
        Assert.True(custom.ExitCode == 0, custom.ToString());
        Assert.Equal("resource.openid == auth.openid", RulesOf(await server.RunAsync("permissions", "storage"), out _).GetProperty("write").GetString());

        await File.WriteAllTextAsync(file, """{"read": true, "update": true}""");
        var refused = await server.RunAsync("permissions", "storage", "--set", "CUSTOM", "--rules", file);
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("error INVALID_PARAM: invalid security rules:", refused.Error);
    }

    // Arguments separated by '|', since attribute arguments cannot be string arrays here.
    [Theory]
    [InlineData("permissions|set|books|EVERYONE")]
    [InlineData("permissions|set|books|CUSTOM")]
    [InlineData("permissions|set|books")]
    [InlineData("permissions|rules|books")]
    [InlineData("permissions|rules|books|rules.json|--json|{}")]
    [InlineData("permissions|storage|--set|nope")]
    [InlineData("permissions|storage|--set|CUSTOM")]
    [InlineData("permissions|storage|--rules|rules.json")]
    [InlineData("permissions|storage|--set|READONLY|--rules|rules.json")]
    public async Task Bad_usage_exits_2(string joined)
    {
        var result = await server.RunAsync(joined.Split('|'));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error", result.Error);
    }

    [Fact]
    public async Task A_bad_mode_is_named_with_the_modes_allowed()
    {
        var result = await server.RunAsync("permissions", "set", "books", "EVERYONE");

        Assert.Contains("'EVERYONE' is not a mode here; use one of READONLY, PRIVATE, ADMINWRITE, ADMINONLY", result.Error);
    }

    /// <summary>The rules <c>get</c> printed after the CUSTOM line, parsed; <paramref name="printed"/> is their text.</summary>
    private static JsonElement RulesOf(CliResult result, out string printed)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.Split('\n', 2);
        Assert.Equal("CUSTOM", lines[0]);
        printed = lines[1];
        using var json = JsonDocument.Parse(printed);
        return json.RootElement.Clone();
    }

    private Task CreateCollectionAsync(string name) => server.AdminAsync(new { action = "database.addCollection", collectionName = name });
}
