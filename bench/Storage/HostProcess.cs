using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ActorCloud.Bench.Storage;

/// <summary>
/// The ActorCloud host as a separate process (<c>dotnet ActorCloud.Api.dll</c>, built beside the benchmark by its
/// project reference), so its resident memory is its own and not the load generator's. Ready once it prints
/// <c>ActorCloud listening on http://127.0.0.1:PORT</c>; stopped with SIGTERM, as a service manager would.
/// </summary>
public sealed partial class HostProcess
{
    public const string Env = "bench";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;

    private HostProcess(Process process, Uri baseAddress, string adminKey)
    {
        _process = process;
        BaseAddress = baseAddress;
        AdminKey = adminKey;
    }

    public Uri BaseAddress { get; }

    public string AdminKey { get; }

    public int Pid => _process.Id;

    public static async Task<HostProcess> StartAsync(string data, string blobConnection, string logPath)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ActorCloud.Api.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("the host was not built beside the benchmark", dll);
        var adminKey = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var start = new ProcessStartInfo(DotnetExecutable(),
        [
            dll, "--port", "0", "--data", data, "--admin-key", adminKey, "--env", Env, "--blob-connection", blobConnection,
            // Information-level logs would only fill the log file.
            "--Logging:LogLevel:Default", "Warning",
        ]) { WorkingDirectory = Path.GetDirectoryName(data)! };
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = ChildProcess.Start(start, logPath, line =>
        {
            if (ListeningLine().Match(line) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups[1].Value));
        });
        var ready = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(StartTimeout));
        if (ready != listening.Task)
        {
            var why = process.HasExited ? $"exited with code {process.ExitCode}" : $"did not listen within {StartTimeout.TotalSeconds} s";
            if (!process.HasExited) await ChildProcess.TerminateAsync(process, TimeSpan.FromSeconds(30));
            throw new InvalidOperationException($"the host {why}:{Environment.NewLine}{ChildProcess.Tail(logPath)}");
        }
        return new HostProcess(process, await listening.Task, adminKey);
    }

    /// <summary>SIGTERM and a graceful shutdown; only a host that hangs past 60 s is killed.</summary>
    public async Task StopAsync()
    {
        if (!await ChildProcess.TerminateAsync(_process, TimeSpan.FromSeconds(60)))
        {
            Console.Error.WriteLine($"the host (pid {_process.Id}) did not stop within 60 s of SIGTERM; killing it");
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary>The <c>dotnet</c> that runs this benchmark when the SDK says which, else the one on PATH.</summary>
    private static string DotnetExecutable() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    [GeneratedRegex(@"ActorCloud listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
