using ActorCloud.Cli.Tests.Support;

namespace ActorCloud.Cli.Tests;

/// <summary>How failures reach the user: refusals and connection failures exit 1, bad usage exits 2.</summary>
public sealed class ErrorTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_wrong_key_exits_1_with_SIGN_PARAM_INVALID()
    {
        var result = await CliRunner.RunAsync(["functions", "list", "--url", server.Url, "--key", "not-the-key"]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error SIGN_PARAM_INVALID: ", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task A_wrong_key_is_found_before_deploy_uploads_anything()
    {
        var result = await CliRunner.RunAsync(["deploy", FunctionFolder.CopyOf("hello", "wrongkey"), "--url", server.Url, "--key", "nope"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error SIGN_PARAM_INVALID: ", result.Error);
        Assert.Equal(1, (await server.RunAsync("functions", "get", "wrongkey")).ExitCode);
    }

    [Fact]
    public async Task Options_override_the_environment_and_an_unknown_env_is_refused()
    {
        var named = await CliRunner.RunAsync(["functions", "list", "--env", ServerFixture.Env],
            new() { ["ACTORCLOUD_URL"] = server.Url, ["ACTORCLOUD_KEY"] = ServerFixture.AdminKey });
        Assert.True(named.ExitCode == 0, named.ToString());

        var unknown = await CliRunner.RunAsync(["functions", "list", "--url", server.Url, "--key", ServerFixture.AdminKey],
            new() { ["ACTORCLOUD_ENV"] = "no-such-env" });
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no-such-env", unknown.Error);
    }

    [Fact]
    public async Task An_unreachable_server_exits_1_with_a_clear_message()
    {
        var result = await CliRunner.RunAsync(["functions", "list", "--url", "http://127.0.0.1:1", "--key", "k"]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: cannot reach ActorCloud at http://127.0.0.1:1/", result.Error);
    }

    // Arguments separated by '|', since attribute arguments cannot be string arrays here.
    [Theory]
    [InlineData("")]
    [InlineData("no-such-command")]
    [InlineData("deploy")]
    [InlineData("functions|get")]
    [InlineData("functions|rollback|f|not-a-number")]
    [InlineData("deploy|.|--timeout|soon")]
    [InlineData("deploy|.|--env-var|NO_EQUALS_SIGN")]
    [InlineData("invoke|f|--data|{not json")]
    [InlineData("deploy|.|--handler|nodot")]
    public async Task Bad_usage_exits_2(string joined)
    {
        var result = await server.RunAsync(joined.Split('|', StringSplitOptions.RemoveEmptyEntries));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error", result.Error);
    }

    [Fact]
    public async Task Without_a_url_or_key_the_command_is_bad_usage()
    {
        var noUrl = await CliRunner.RunAsync(["functions", "list", "--key", "k"]);
        Assert.Equal(2, noUrl.ExitCode);
        Assert.Contains("ACTORCLOUD_URL", noUrl.Error);

        var noKey = await CliRunner.RunAsync(["functions", "list", "--url", server.Url]);
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("ACTORCLOUD_KEY", noKey.Error);
    }

    [Fact]
    public async Task Help_exits_0_and_names_every_command()
    {
        var result = await CliRunner.RunAsync(["--help"]);

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "deploy", "functions", "invoke", "--url", "--key", "--env" }) Assert.Contains(command, result.Out);
    }
}
