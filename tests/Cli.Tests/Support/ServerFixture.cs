using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ActorCloud.Api.Hosting;
using Microsoft.AspNetCore.Builder;

using ActorCloud.Api.Tests.Support;

namespace ActorCloud.Cli.Tests.Support;

/// <summary>
/// The real ActorCloud host, in-process on a free loopback port with a temporary data folder, shared by the tests of a
/// class (starting one costs seconds). Functions run under Node.js with the repository's <c>runtime/</c>.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key";
    public const string Env = "test-env";

    private WebApplication _app = null!;
    private string _data = null!;

    public string Url { get; private set; } = null!;

    /// <summary>The host's data folder (its SQLite journal is <c>journal.db</c> there).</summary>
    public string Data => _data;

    public async Task InitializeAsync()
    {
        _data = Directory.CreateTempSubdirectory("actorcloud-cli-test-").FullName;
        _app = ActorCloudApp.Build(
        [
            "--port", "0", "--data", _data, "--admin-key", AdminKey, "--env", Env,
            "--ActorCloud:Blob:AzuriteDirectory", RepoPaths.Of("azurite"),
            "--ActorCloud:Functions:RuntimeDirectory", RepoPaths.Of("runtime"),
        ]);
        await _app.StartAsync();
        Url = _app.ListeningAddress().ToString().TrimEnd('/');
    }

    /// <summary>Runs <c>actorcloud</c> against this host with the test admin key (passed by environment, as users would).</summary>
    public Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(args, new() { ["ACTORCLOUD_URL"] = Url, ["ACTORCLOUD_KEY"] = AdminKey });

    /// <summary>POSTs an action to <c>/admin</c> with the admin key; the action must succeed.</summary>
    public async Task AdminAsync(object body)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Url}/admin")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        using var response = await http.SendAsync(request);
        Assert.DoesNotContain("\"code\"", await response.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); }
        catch (IOException) { }
    }
}
