using System.Collections.Concurrent;
using System.Text.Json;
using ActorCloud.Actors.Functions;

namespace ActorCloud.Testing.Simulation;

/// <summary>
/// The runtime port of a function simulation, in-process: a call's event <c>{"a":x,"b":y}</c> gets the result
/// <see cref="ResultOf"/>, which names the version and code that ran it, so a check can tell whether the version
/// current when the call arrived answered it. Calls are counted by request id: none may run twice.
/// </summary>
public sealed class SimulatedRuntimes : IFunctionRuntimes
{
    private readonly ConcurrentDictionary<string, int> _runs = new(StringComparer.Ordinal);

    public IReadOnlyList<string> RunMoreThanOnce => [.. _runs.Where(r => r.Value > 1).Select(r => r.Key).Order(StringComparer.Ordinal)];

    public Task<RuntimeOutcome> InvokeAsync(string env, string name, FunctionVersion version, FunctionInvocation invocation, CancellationToken cancellation)
    {
        _runs.AddOrUpdate(invocation.RequestId, 1, (_, runs) => runs + 1);
        return Task.FromResult(new RuntimeOutcome(ResultOf(version, invocation.EventJson), null, []));
    }

    public static string ResultOf(FunctionVersion version, string eventJson)
    {
        using var call = JsonDocument.Parse(eventJson);
        var sum = call.RootElement.GetProperty("a").GetInt32() + call.RootElement.GetProperty("b").GetInt32();
        return JsonSerializer.Serialize(new { version = version.Version, code = version.CodeSha256, sum });
    }
}
