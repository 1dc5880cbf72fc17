using System.Text.Json;
using ActorCloud.Cli.Tests.Support;

namespace ActorCloud.Cli.Tests;

/// <summary><c>actorcloud functions list|get|rollback|delete</c> against the real host.</summary>
public sealed class FunctionsCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task List_get_rollback_and_delete_manage_a_deployed_function()
    {
        var folder = FunctionFolder.CopyOf("hello", "lifecycle");
        Assert.Equal(0, (await server.RunAsync("deploy", folder)).ExitCode);
        FunctionFolder.Write(folder, "index.js", "exports.main = async () => 'v2'\n");
        Assert.Equal(0, (await server.RunAsync("deploy", folder)).ExitCode);

        var list = await server.RunAsync("functions", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.StartsWith("NAME", list.Out);
        Assert.Contains(list.Out.Split('\n'), line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["lifecycle", "2", ..]);

        var get = await server.RunAsync("functions", "get", "lifecycle");
        Assert.True(get.ExitCode == 0, get.ToString());
        using (var json = JsonDocument.Parse(get.Out))
        {
            Assert.Equal(2, json.RootElement.GetProperty("Version").GetInt32());
            Assert.Equal(2, json.RootElement.GetProperty("Versions").GetArrayLength());
        }

        var rolledBack = await server.RunAsync("functions", "rollback", "lifecycle", "1");
        Assert.True(rolledBack.ExitCode == 0, rolledBack.ToString());
        Assert.StartsWith("rolled back lifecycle to version 1: now version 3", rolledBack.Out);
        Assert.Equal("""{"hello":"again"}""", (await server.RunAsync("invoke", "lifecycle", "--data", """{"name":"again"}""")).Out.Trim());

        var deleted = await server.RunAsync("functions", "delete", "lifecycle");
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal("deleted lifecycle", deleted.Out.Trim());
        var gone = await server.RunAsync("functions", "get", "lifecycle");
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("error ResourceNotFound.Function:", gone.Error);
        Assert.DoesNotContain("lifecycle", (await server.RunAsync("functions", "list")).Out);
    }

    [Fact]
    public async Task Rolling_back_to_a_version_that_does_not_exist_is_refused()
    {
        Assert.Equal(0, (await server.RunAsync("deploy", FunctionFolder.CopyOf("hello", "norollback"))).ExitCode);

        var result = await server.RunAsync("functions", "rollback", "norollback", "7");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error INVALID_PARAM:", result.Error);
    }
}
