using System.Diagnostics;

namespace ActorCloud.Testing.Processes;

/// <summary>
/// One ActorCloud node of a <see cref="LocalCluster"/>: the built host as its own OS process, so it can be killed,
/// paused and restarted like a real server. Its HTTP and remoting ports stay the same across restarts.
/// </summary>
public sealed class ClusterNode
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly IReadOnlyList<string> _arguments;
    private readonly string _logFile;
    private Process? _process;

    internal ClusterNode(int index, int httpPort, int remotingPort, string dataDirectory, IReadOnlyList<string> arguments)
    {
        Index = index;
        Url = new Uri($"http://127.0.0.1:{httpPort}");
        RemotingAddress = $"akka.tcp://actorcloud@127.0.0.1:{remotingPort}";
        DataDirectory = dataDirectory;
        _arguments = arguments;
        _logFile = Path.Combine(dataDirectory, "node.log");
    }

    public int Index { get; }

    /// <summary>The node's HTTP address; the SDKs' <c>serviceUrl</c> is this plus <c>/admin</c>.</summary>
    public Uri Url { get; }

    public string RemotingAddress { get; }

    public string DataDirectory { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Stopped by <see cref="Pause"/> and not yet resumed: alive, but answering nothing.</summary>
    public bool IsPaused { get; private set; }

    public int Pid => _process?.Id ?? throw new InvalidOperationException($"node {Index} is not running");

    /// <summary>Starts the process and waits for its "listening" line (it then serves; <c>/readyz</c> tells when it is a member).</summary>
    public async Task StartAsync()
    {
        if (IsRunning) throw new InvalidOperationException($"node {Index} is running already");
        Directory.CreateDirectory(DataDirectory);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in _arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start node {Index}");
        _process = process;
        var log = new StreamWriter(_logFile, append: true) { AutoFlush = true };
        process.ErrorDataReceived += (_, e) => WriteLine(log, e.Data);
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            WriteLine(log, line);
            if (!line.StartsWith("ActorCloud listening on ", StringComparison.Ordinal)) continue;
            _ = CopyAsync(process.StandardOutput, log);
            return;
        }
        throw new InvalidOperationException($"node {Index} exited ({process.ExitCode}) before it listened; see {_logFile}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no hand-off — a crash as the rest of the cluster sees it.</summary>
    public void Kill()
    {
        if (_process is not { HasExited: false } process) return;
        process.Kill(entireProcessTree: false);
        process.WaitForExit();
    }

    /// <summary>SIGTERM: the node leaves the cluster, hands its shards off and exits.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process is not { HasExited: false } process) return;
        Signal("TERM");
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"node {Index} did not exit within {timeout.TotalSeconds} s of SIGTERM");
        }
    }

    /// <summary>SIGSTOP: the process stays but answers nothing, as in a long pause.</summary>
    public void Pause()
    {
        Signal("STOP");
        IsPaused = true;
    }

    public void Resume()
    {
        Signal("CONT");
        IsPaused = false;
    }

    /// <summary>Waits for the process to end by itself (a node downed by the others shuts itself down).</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        if (_process is null) return true;
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", Pid.ToString()]);
        kill.WaitForExit();
    }

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log) log.WriteLine(line);
    }

    private static async Task CopyAsync(StreamReader reader, StreamWriter log)
    {
        while (await reader.ReadLineAsync() is { } line) WriteLine(log, line);
    }
}
