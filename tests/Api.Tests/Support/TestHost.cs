using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ActorCloud.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ActorCloud.Api.Tests.Support;

/// <summary>
/// The real ActorCloud host, in-process on a free loopback port, with a real SQLite journal in a temporary
/// data directory and every Akka message serialized (as it would be between cluster nodes).
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key";
    public const string Env = "test-env";

    private readonly WebApplication _app;

    private TestHost(WebApplication app, string data)
    {
        _app = app;
        Data = data;
        BaseAddress = app.ListeningAddress();
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public Uri BaseAddress { get; }

    public string Data { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<TestHost> StartAsync(string? data = null, params string[] extraArgs) => StartAsync(data, null, extraArgs);

    public static async Task<TestHost> StartAsync(string? data, Action<IServiceCollection>? configure, params string[] extraArgs)
    {
        data ??= Directory.CreateTempSubdirectory("actorcloud-test-").FullName;
        string[] args =
        [
            "--port", "0", "--data", data, "--admin-key", AdminKey, "--env", Env,
            "--ActorCloud:Akka:SerializeMessages", "true", "--ActorCloud:Blob:AzuriteDirectory", RepoPaths.Of("azurite"),
            "--ActorCloud:Functions:RuntimeDirectory", RepoPaths.Of("runtime"), .. extraArgs,
        ];
        var app = ActorCloudApp.Build(args, configure);
        await app.StartAsync();
        return new TestHost(app, data);
    }

    /// <summary>POSTs an action to <c>/admin</c> as the node SDK does and returns the parsed envelope.</summary>
    public async Task<JsonElement> CallAsync(object body, string? env = Env)
    {
        var url = env is null ? "/admin" : $"/admin?env={env}";
        using var response = await Client.PostAsJsonAsync(url, body);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public void DeleteData()
    {
        try { Directory.Delete(Data, recursive: true); }
        catch (IOException) { }
    }
}
