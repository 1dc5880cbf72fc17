using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using ActorCloud.Actors.Functions;
using ActorCloud.Api.Hosting;
using Microsoft.Extensions.Options;

namespace ActorCloud.Api.Functions;

/// <summary>
/// Warm node processes, pooled per function version: a call takes an idle process or starts one (up to
/// <c>Functions:MaxConcurrency</c> per version; beyond that calls wait their turn), runs on it alone, and gives it
/// back unless the call was abandoned or the process broke. A redeploy starts a new pool; the old version's
/// processes finish their calls and are reaped when idle, like any process idle past <c>Functions:IdleTimeout</c>.
/// </summary>
public sealed class NodeRuntimePool(FunctionCode code, FunctionEnvironment environment, FunctionSandbox sandbox, IOptions<ActorCloudOptions> options)
    : IFunctionRuntimes, IDisposable
{
    private readonly ConcurrentDictionary<string, VersionPool> _pools = new(StringComparer.Ordinal);

    public async Task<RuntimeOutcome> InvokeAsync(
        string env, string name, FunctionVersion version, FunctionInvocation invocation, CancellationToken cancellation)
    {
        var settings = options.Value.Functions;
        var pool = _pools.GetOrAdd(Key(env, name, version.Version), _ =>
        {
            RetireOlderVersions(env, name, version.Version);
            return new VersionPool(settings.MaxConcurrency);
        });
        await pool.Slots.WaitAsync(cancellation);
        NodeProcess? process = null;
        try
        {
            process = pool.TakeIdle() ?? await StartAsync(env, name, version, cancellation);
            var outcome = await process.InvokeAsync(InvokeLine(env, name, version, invocation, pool.EnvironmentJson(version)), cancellation);
            return outcome;
        }
        catch (FunctionLoadException e)
        {
            return new RuntimeOutcome(null, e.Message, []);
        }
        finally
        {
            if (process is not null) pool.Return(process);
            pool.Slots.Release();
        }
    }

    /// <summary>Stops processes idle longer than the configured timeout and forgets retired pools left empty (called periodically).</summary>
    public void Reap()
    {
        var cutoff = DateTime.UtcNow - options.Value.Functions.IdleTimeout;
        foreach (var (key, pool) in _pools)
        {
            pool.Reap(cutoff);
            // Only retired pools are dropped: a live one might be taken by a call at this very moment.
            if (pool.Retired && pool.Empty(options.Value.Functions.MaxConcurrency)) _pools.TryRemove(key, out _);
        }
    }

    private static string Key(string env, string name, int version) => $"{env}/{name}/{version}";

    /// <summary>
    /// A newer version is being called, so the idle processes of older ones will not be wanted again; calls still
    /// running on them finish there, and their processes are disposed when handed back.
    /// </summary>
    private void RetireOlderVersions(string env, string name, int version)
    {
        var prefix = $"{env}/{name}/";
        foreach (var (key, pool) in _pools)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || !int.TryParse(key.AsSpan(prefix.Length), out var older) || older >= version) continue;
            pool.Retire();
        }
    }

    public void Dispose()
    {
        foreach (var pool in _pools.Values) pool.Reap(DateTime.MaxValue);
    }

    private async Task<NodeProcess> StartAsync(string env, string name, FunctionVersion version, CancellationToken cancellation)
    {
        var directory = await code.DirectoryOfAsync(version.CodeBlob, version.CodeSha256, cancellation);
        var launch = new NodeLaunch(sandbox,
            environment.NodePathFor(version.Runtime), environment.RuntimeDirectory, directory, version.Handler, version.MemoryMb,
            environment.ProcessVariables(env, name, version));
        return await NodeProcess.StartAsync(launch, cancellation);
    }

    /// <summary>The call as one UTF-8 JSON line for the bootstrap (see <c>runtime/bootstrap.js</c>).</summary>
    private byte[] InvokeLine(string env, string name, FunctionVersion version, FunctionInvocation invocation, string environmentJson)
    {
        var buffer = new ArrayBufferWriter<byte>(512 + invocation.EventJson.Length);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "invoke");
            w.WriteString("id", invocation.RequestId);
            w.WritePropertyName("event");
            w.WriteRawValue(invocation.EventJson);
            w.WriteStartObject("context");
            w.WriteString("request_id", invocation.RequestId);
            w.WriteString("function_name", name);
            w.WriteString("function_version", version.Version.ToString());
            w.WriteString("namespace", env);
            w.WriteNumber("memory_limit_in_mb", version.MemoryMb);
            w.WriteNumber("time_limit_in_ms", version.TimeoutSeconds * 1000);
            w.WriteString("environment", environmentJson);
            w.WriteEndObject();
            w.WriteStartObject("env");
            foreach (var (key, value) in environment.InvocationVariables(env, invocation)) w.WriteString(key, value);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private sealed class VersionPool(int maxConcurrency)
    {
        private readonly Stack<NodeProcess> _idle = new();
        private volatile bool _retired;
        private string? _environmentJson;

        /// <summary>The version's variables as the SCF context's <c>environment</c> string, serialised once.</summary>
        public string EnvironmentJson(FunctionVersion version) => _environmentJson ??= JsonSerializer.Serialize(version.Variables);

        public bool Retired => _retired;

        public SemaphoreSlim Slots { get; } = new(maxConcurrency, maxConcurrency);

        public NodeProcess? TakeIdle()
        {
            lock (_idle)
            {
                while (_idle.TryPop(out var process))
                {
                    if (process.Healthy) return process;
                    process.Dispose();
                }
                return null;
            }
        }

        public void Return(NodeProcess process)
        {
            if (!process.Healthy || _retired)
            {
                process.Dispose();
                return;
            }
            process.IdleSince = DateTime.UtcNow;
            lock (_idle) _idle.Push(process);
        }

        /// <summary>No process idle and none busy: nothing to keep.</summary>
        public bool Empty(int maxConcurrency)
        {
            lock (_idle) return _idle.Count == 0 && Slots.CurrentCount == maxConcurrency;
        }

        public void Retire()
        {
            _retired = true;
            Reap(DateTime.MaxValue);
        }

        public void Reap(DateTime idleBefore)
        {
            lock (_idle)
            {
                var keep = _idle.Where(p => p.Healthy && p.IdleSince >= idleBefore).Reverse().ToList();
                foreach (var process in _idle.Except(keep)) process.Dispose();
                _idle.Clear();
                foreach (var process in keep) _idle.Push(process);
            }
        }
    }
}
