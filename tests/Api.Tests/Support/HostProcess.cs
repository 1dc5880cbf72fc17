using System.Diagnostics;
using System.Net.Http.Headers;
using ActorCloud.Persistence.Blobs;

namespace ActorCloud.Api.Tests.Support;

/// <summary>The built ActorCloud host as a separate OS process, so a test can <c>kill -9</c> it.</summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;

    private readonly string _data;
    private bool _killed;
    private bool _disposed;

    private HostProcess(Process process, Uri baseAddress, string data)
    {
        _process = process;
        _data = data;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestHost.AdminKey);
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<HostProcess> StartAsync(string data, params string[] extraArgs)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "ActorCloud.Api.dll"),
            "--port", "0", "--data", data, "--admin-key", TestHost.AdminKey, "--env", TestHost.Env,
            "--ActorCloud:Blob:AzuriteDirectory", RepoPaths.Of("azurite"),
            "--ActorCloud:Functions:RuntimeDirectory", RepoPaths.Of("runtime"), .. extraArgs,
        ];
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            const string marker = "ActorCloud listening on ";
            if (!line.StartsWith(marker, StringComparison.Ordinal)) continue;
            _ = DrainAsync(process.StandardOutput);
            return new HostProcess(process, new Uri(line[marker.Length..]), data);
        }
        throw new InvalidOperationException($"the host exited ({process.ExitCode}) before it was ready");
    }

    /// <summary>
    /// SIGKILL to the host alone: no shutdown hooks, no flushing — what a crash looks like to the journal. The
    /// Azurite it started lives on (as blob storage outlives a crashed host) for the next host on the same data
    /// directory to reuse; that host's disposal stops it.
    /// </summary>
    public void Kill()
    {
        _killed = true;
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Client.Dispose();
        var killed = _killed;
        if (!_process.HasExited) Kill();
        _process.Dispose();
        if (!killed) AzuriteServer.StopLeftover(_data);
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is not null) { }
    }
}
