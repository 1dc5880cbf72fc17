using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace ActorCloud.Bench.Storage;

/// <summary>
/// One Azurite for the whole run, started from the repository's <c>azurite/start.sh</c> on a free loopback port
/// with its files in a temporary location and an account key of this run. ActorCloud and the direct baseline
/// both use it, so the comparison is ActorCloud's overhead on the same storage. It is stopped with SIGTERM only:
/// SIGKILL could leave its metadata half written.
/// </summary>
public sealed class AzuriteProcess
{
    public const string AccountName = "benchstorage";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private AzuriteProcess(Process process, int port, string key, string logPath)
    {
        _process = process;
        LogPath = logPath;
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={key};BlobEndpoint=http://127.0.0.1:{port}/{AccountName};";
    }

    public string ConnectionString { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public static async Task<AzuriteProcess> StartAsync(string location, string logPath)
    {
        var port = ChildProcess.FreePort();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var start = new ProcessStartInfo("sh", [FindStartScript(), location, port.ToString()]);
        start.Environment["AZURITE_ACCOUNTS"] = $"{AccountName}:{key}";
        var process = ChildProcess.Start(start, logPath);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await ChildProcess.AnswersAsync(port))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}:{Environment.NewLine}{ChildProcess.Tail(logPath)}");
            if (DateTime.UtcNow > deadline)
            {
                await ChildProcess.TerminateAsync(process, TimeSpan.FromSeconds(30));
                throw new TimeoutException($"Azurite did not answer on port {port} within {StartTimeout.TotalSeconds} s");
            }
            await Task.Delay(100);
        }
        return new AzuriteProcess(process, port, key, logPath);
    }

    /// <summary>SIGTERM, then a generous wait; one that still runs is reported and left alone, never killed.</summary>
    public async Task StopAsync()
    {
        if (!await ChildProcess.TerminateAsync(_process, TimeSpan.FromSeconds(60)))
            Console.Error.WriteLine($"Azurite (pid {_process.Id}) did not stop within 60 s of SIGTERM; it is left running");
        _process.Dispose();
    }

    /// <summary>The start script, found above the working directory, the binaries or (last) this source file.</summary>
    private static string FindStartScript([CallerFilePath] string sourceFile = "")
    {
        foreach (var origin in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                var script = Path.Combine(dir.FullName, "azurite", "start.sh");
                if (File.Exists(script)) return script;
            }
        }
        throw new InvalidOperationException("azurite/start.sh was not found; run the benchmark from the repository");
    }
}
