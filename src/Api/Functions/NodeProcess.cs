using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using ActorCloud.Actors.Functions;

namespace ActorCloud.Api.Functions;

/// <summary>
/// One warm <c>node</c> process running <c>runtime/bootstrap.js</c> for one function version, serving one call at a
/// time. Calls go in as JSON lines on stdin; answers come back on stdout as lines carrying a per-process nonce, so
/// whatever else the function writes there can never pass for an answer. A call that is cancelled (deadline) or a
/// process that exits fails its pending call, and the process is never reused.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _framePrefix;
    private readonly string _tmpDirectory;
    private readonly TaskCompletionSource<string?> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _stderrTail = new();
    private TaskCompletionSource<JsonElement>? _pending;

    private readonly NodeLaunch _launch;

    private NodeProcess(Process process, string framePrefix, string tmpDirectory, NodeLaunch launch)
    {
        _launch = launch;
        _process = process;
        _framePrefix = framePrefix;
        _tmpDirectory = tmpDirectory;
    }

    /// <summary>False once the process exited, a call was abandoned, or it answered out of protocol.</summary>
    public bool Healthy { get; private set; } = true;

    public DateTime IdleSince { get; set; } = DateTime.UtcNow;

    /// <summary>Starts the process and waits until the function's module is loaded (the cold start).</summary>
    public static async Task<NodeProcess> StartAsync(NodeLaunch launch, CancellationToken cancellation)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var tmp = Directory.CreateTempSubdirectory("actorcloud-fn-").FullName;
        launch.Sandbox.Own(tmp);
        var (fileName, arguments) = launch.Command(tmp, nonce);
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = launch.FunctionDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in arguments) start.ArgumentList.Add(arg);
        start.Environment.Clear();
        foreach (var (key, value) in launch.Environment(tmp)) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var node = new NodeProcess(process, $"\u001eAC{nonce} ", tmp, launch);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => node.OnExited();
        _ = node.ReadFramesAsync();
        _ = node.ReadStderrAsync();
        string? error;
        try
        {
            using var registration = cancellation.Register(() => node._ready.TrySetCanceled());
            error = await node._ready.Task;
        }
        catch
        {
            node.Dispose();
            throw;
        }
        if (error is not null)
        {
            node.Dispose();
            throw new FunctionLoadException(launch.Scrub(error));
        }
        return node;
    }

    /// <summary>Runs one call (a UTF-8 JSON line); cancellation abandons it and marks the process for disposal.</summary>
    public async Task<RuntimeOutcome> InvokeAsync(byte[] invokeLine, CancellationToken cancellation)
    {
        var pending = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending = pending;
        using var registration = cancellation.Register(() =>
        {
            Healthy = false;
            pending.TrySetCanceled(cancellation);
        });
        try
        {
            var stdin = _process.StandardInput.BaseStream;
            await stdin.WriteAsync(invokeLine, cancellation);
            await stdin.FlushAsync(cancellation);
        }
        catch (IOException)
        {
            Healthy = false;
            throw new InvalidOperationException(ExitMessage());
        }
        var frame = await pending.Task;
        _pending = null;
        var outcome = RuntimeFrames.Outcome(frame);
        return outcome.ErrorMessage is null ? outcome : outcome with { ErrorMessage = _launch.Scrub(outcome.ErrorMessage) };
    }

    public void Dispose()
    {
        Healthy = false;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_tmpDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a dying process: the temp folder is left for the OS to reclaim.
        }
    }

    private async Task ReadFramesAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith(_framePrefix, StringComparison.Ordinal)) continue;
            JsonElement frame;
            try
            {
                // A standalone copy, so the parsed document's pooled buffers go back at once.
                using var document = JsonDocument.Parse(line.AsMemory(_framePrefix.Length));
                frame = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                Healthy = false;
                continue;
            }
            switch (frame.GetProperty("type").GetString())
            {
                case "ready":
                    _ready.TrySetResult(frame.TryGetProperty("error", out var error) ? RuntimeFrames.ErrorText(error) : null);
                    break;
                case "result":
                    _pending?.TrySetResult(frame);
                    break;
            }
        }
    }

    private async Task ReadStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_stderrTail)
            {
                _stderrTail.Enqueue(line);
                if (_stderrTail.Count > 20) _stderrTail.Dequeue();
            }
        }
    }

    private void OnExited()
    {
        Healthy = false;
        var message = ExitMessage();
        _ready.TrySetResult(message);
        _pending?.TrySetException(new InvalidOperationException(message));
    }

    private string ExitMessage()
    {
        string tail;
        lock (_stderrTail) tail = string.Join('\n', _stderrTail.Where(l => !l.Contains("ExperimentalWarning") && !l.Contains("--trace-warnings")));
        var code = _process.HasExited ? _process.ExitCode.ToString() : "unknown";
        return tail.Length == 0 ? $"the function's process exited with code {code}" : $"the function's process exited with code {code}: {tail}";
    }
}

/// <summary>The function's module could not be loaded (missing file or export, an error at load time).</summary>
public sealed class FunctionLoadException(string message) : Exception(message);
