using System.Text.Json;
using ActorCloud.Cli.Tests.Support;

namespace ActorCloud.Cli.Tests;

/// <summary><c>actorcloud deploy</c> and <c>invoke</c> against the real host, with the function run by Node.js.</summary>
public sealed class DeployTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Deploy_creates_version_1_and_a_redeploy_of_changed_code_makes_version_2()
    {
        var folder = FunctionFolder.CopyOf("hello", "hello");

        var first = await server.RunAsync("deploy", folder);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Matches("^created hello: version 1, code sha256 [0-9a-f]{64}$", first.Out.Trim());
        var called = await server.RunAsync("invoke", "hello", "--data", """{"name":"x"}""");
        Assert.True(called.ExitCode == 0, called.ToString());
        Assert.Equal("""{"hello":"x"}""", called.Out.Trim());

        FunctionFolder.Write(folder, "index.js", "exports.main = async (event) => ({ hi: event.name })\n");
        var second = await server.RunAsync("deploy", folder);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.StartsWith("updated hello: version 2, code sha256 ", second.Out.Trim());
        Assert.NotEqual(Hash(first.Out), Hash(second.Out));
        Assert.Equal("""{"hi":"x"}""", (await server.RunAsync("invoke", "hello", "--data", """{"name":"x"}""")).Out.Trim());
    }

    [Fact]
    public async Task Deploy_packs_subfolders_and_node_modules_and_sets_the_configuration_given()
    {
        var folder = FunctionFolder.Empty("configured");
        FunctionFolder.Write(folder, "index.js",
            "const shout = require('shout'); const suffix = require('./lib/suffix')\n" +
            "exports.main = async () => ({ greeting: shout(process.env.GREETING) + suffix })\n");
        FunctionFolder.Write(folder, "lib/suffix.js", "module.exports = '!'\n");
        FunctionFolder.Write(folder, "node_modules/shout/index.js", "module.exports = (s) => s.toUpperCase()\n");

        var deployed = await server.RunAsync("deploy", folder, "--timeout", "10", "--memory", "128", "--env-var", "GREETING=hey", "--env-var", "EMPTY=");
        Assert.True(deployed.ExitCode == 0, deployed.ToString());
        Assert.Equal("""{"greeting":"HEY!"}""", (await server.RunAsync("invoke", "configured")).Out.Trim());

        // ActorCloud applies configuration with the code, so a redeploy with new settings makes one version, not two.
        var redeployed = await server.RunAsync("deploy", folder, "--timeout", "20", "--env-var", "GREETING=yo");
        Assert.True(redeployed.ExitCode == 0, redeployed.ToString());
        Assert.StartsWith("updated configured: version 2,", redeployed.Out.Trim());
        using var function = JsonDocument.Parse((await server.RunAsync("functions", "get", "configured")).Out);
        Assert.Equal(20, function.RootElement.GetProperty("Timeout").GetInt32());
        Assert.Equal(128, function.RootElement.GetProperty("MemorySize").GetInt32());
        var variables = function.RootElement.GetProperty("Environment").GetProperty("Variables");
        Assert.Equal("GREETING=yo", string.Join(",", variables.EnumerateArray().Select(v => $"{v.GetProperty("Key")}={v.GetProperty("Value")}")));
        Assert.Equal("""{"greeting":"YO!"}""", (await server.RunAsync("invoke", "configured")).Out.Trim());
    }

    [Fact]
    public async Task A_folder_without_the_handler_file_is_refused_and_nothing_is_deployed()
    {
        var folder = FunctionFolder.Empty("nohandler");
        FunctionFolder.Write(folder, "main.js", "exports.main = async () => 1\n");

        var result = await server.RunAsync("deploy", folder);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("index.js", result.Error);
        Assert.Equal("", result.Out);
        var get = await server.RunAsync("functions", "get", "nohandler");
        Assert.Equal(1, get.ExitCode);
        Assert.Contains("error ResourceNotFound.Function:", get.Error);
    }

    [Fact]
    public async Task A_custom_name_and_handler_are_used()
    {
        var folder = FunctionFolder.Empty("somefolder");
        FunctionFolder.Write(folder, "src/app.js", "exports.handler = async (event) => ({ twice: event.n * 2 })\n");

        var deployed = await server.RunAsync("deploy", folder, "--name", "doubler", "--handler", "src/app.handler");
        Assert.True(deployed.ExitCode == 0, deployed.ToString());
        Assert.StartsWith("created doubler: version 1,", deployed.Out);
        Assert.Equal("""{"twice":42}""", (await server.RunAsync("invoke", "doubler", "--data", """{"n":21}""")).Out.Trim());
    }

    [Fact]
    public async Task Progress_is_plain_text_when_output_is_not_a_terminal()
    {
        var deployed = await server.RunAsync("deploy", FunctionFolder.CopyOf("hello", "plainprogress"));

        Assert.True(deployed.ExitCode == 0, deployed.ToString());
        Assert.DoesNotContain('\u001b', deployed.Error);
        Assert.DoesNotContain('\u001b', deployed.Out);
    }

    [Fact]
    public async Task A_failing_function_exits_1_with_the_servers_code()
    {
        var folder = FunctionFolder.Empty("thrower");
        FunctionFolder.Write(folder, "index.js", "exports.main = async () => { throw new Error('boom') }\n");
        Assert.Equal(0, (await server.RunAsync("deploy", folder)).ExitCode);

        var called = await server.RunAsync("invoke", "thrower");

        Assert.Equal(1, called.ExitCode);
        Assert.Contains("error FUNCTIONS_EXECUTE_FAIL:", called.Error);
        Assert.Contains("boom", called.Error);
    }

    private static string Hash(string output) => output.Trim()[^64..];
}
