using ActorCloud.Api.Functions;
using ActorCloud.Api.Hosting;
using Microsoft.AspNetCore.Builder;

namespace ActorCloud.Bench.Functions;

/// <summary>
/// The real ActorCloud host in-process on a free loopback port, with its data (journal, Azurite's files, unpacked
/// code) in <see cref="Data"/>, the repository's <c>azurite/</c> and <c>runtime/</c>, and the C# function
/// <c>echo</c> registered. Production settings otherwise, except <c>Functions:MaxConcurrency</c> when given.
/// </summary>
public sealed class BenchHost
{
    public const string Env = "bench";
    public const string AdminKey = "bench-admin-key";

    private readonly WebApplication _app;

    private BenchHost(WebApplication app, string data, int maxConcurrency)
    {
        _app = app;
        Data = data;
        MaxConcurrency = maxConcurrency;
    }

    public string Data { get; }

    /// <summary>Node processes per function version at most.</summary>
    public int MaxConcurrency { get; }

    public Uri BaseAddress => _app.ListeningAddress();

    public static async Task<BenchHost> StartAsync(string data, string repository, int? maxConcurrency = null)
    {
        string[] args =
        [
            "--port", "0", "--data", data, "--admin-key", AdminKey, "--env", Env,
            "--ActorCloud:Blob:AzuriteDirectory", Path.Combine(repository, "azurite"),
            "--ActorCloud:Functions:RuntimeDirectory", Path.Combine(repository, "runtime"),
            // Information-level host and cluster logs would interleave with the result table.
            "--Logging:LogLevel:Default", "Warning",
            .. maxConcurrency is { } max ? ["--ActorCloud:Functions:MaxConcurrency", max.ToString()] : Array.Empty<string>(),
        ];
        var app = ActorCloudApp.Build(args, services => services.AddCloudFunction<EchoFunction>(EchoFunction.Handler));
        await app.StartAsync();
        return new BenchHost(app, data, maxConcurrency ?? new ActorCloudOptions.FunctionsSection().MaxConcurrency);
    }

    /// <summary>The repository: the first folder above the binaries or the working directory with <c>runtime/bootstrap.js</c>.</summary>
    public static string FindRepository()
    {
        foreach (var origin in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "runtime", "bootstrap.js")) && File.Exists(Path.Combine(dir.FullName, "azurite", "start.sh")))
                    return dir.FullName;
        throw new InvalidOperationException("runtime/bootstrap.js and azurite/start.sh were not found above the binaries or the working directory");
    }

    /// <summary>Stops the host, dropping Akka's shutdown INFO lines (<see cref="QuietShutdown"/>).</summary>
    public Task StopAsync() => QuietShutdown.StopAsync(_app);
}
