using ActorCloud.Api.Hosting;
using Microsoft.AspNetCore.Builder;

namespace ActorCloud.Bench.Shared;

/// <summary>
/// The real ActorCloud host in-process on a free loopback port with its SQLite journal in <see cref="Data"/>,
/// started as <c>tests/Api.Tests/Support/TestHost.cs</c> does but with production settings (messages are not
/// round-tripped through the serializer).
/// </summary>
public sealed class BenchHost
{
    public const string Env = "bench";
    public const string AdminKey = "bench-admin-key";

    private readonly WebApplication _app;

    private BenchHost(WebApplication app, string data)
    {
        _app = app;
        Data = data;
    }

    public string Data { get; }

    public Uri BaseAddress => _app.ListeningAddress();

    public static async Task<BenchHost> StartAsync(string data, params string[] extraArgs)
    {
        string[] args =
        [
            "--port", "0", "--data", data, "--admin-key", AdminKey, "--env", Env,
            // Information-level host and cluster logs would interleave with the result table.
            "--Logging:LogLevel:Default", "Warning", .. extraArgs,
        ];
        var app = ActorCloudApp.Build(args);
        await app.StartAsync();
        return new BenchHost(app, data);
    }

    /// <summary>Stops the host, dropping Akka's shutdown INFO lines (<see cref="QuietShutdown"/>).</summary>
    public Task StopAsync() => QuietShutdown.StopAsync(_app);
}
