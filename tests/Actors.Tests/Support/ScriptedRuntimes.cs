using System.Collections.Concurrent;
using ActorCloud.Actors.Functions;

namespace ActorCloud.Actors.Tests.Support;

/// <summary>
/// A runtime port whose behaviour each spec scripts (answer, delay, failure), recording every call it was given and
/// whether the call was cancelled — the invocation actor's contract, without Node.js in the way.
/// </summary>
public sealed class ScriptedRuntimes(Func<FunctionVersion, FunctionInvocation, CancellationToken, Task<RuntimeOutcome>> script) : IFunctionRuntimes
{
    public ConcurrentQueue<(int Version, string RequestId)> Calls { get; } = new();

    public ConcurrentQueue<string> Cancelled { get; } = new();

    public async Task<RuntimeOutcome> InvokeAsync(
        string env, string name, FunctionVersion version, FunctionInvocation invocation, CancellationToken cancellation)
    {
        Calls.Enqueue((version.Version, invocation.RequestId));
        using var registration = cancellation.Register(() => Cancelled.Enqueue(invocation.RequestId));
        return await script(version, invocation, cancellation);
    }

    public static Task<RuntimeOutcome> Result(string json) => Task.FromResult(new RuntimeOutcome(json, null, []));
}
