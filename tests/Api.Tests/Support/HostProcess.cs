using System.Diagnostics;
using System.Net.Http.Headers;

namespace ActorCloud.Api.Tests.Support;

/// <summary>The built ActorCloud host as a separate OS process, so a test can <c>kill -9</c> it.</summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
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
            "--port", "0", "--data", data, "--admin-key", TestHost.AdminKey, "--env", TestHost.Env, .. extraArgs,
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
            return new HostProcess(process, new Uri(line[marker.Length..]));
        }
        throw new InvalidOperationException($"the host exited ({process.ExitCode}) before it was ready");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — what a crash or power cut looks like to the journal.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is not null) { }
    }
}
