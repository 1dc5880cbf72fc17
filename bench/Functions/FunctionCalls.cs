using System.Text.Json;

namespace ActorCloud.Bench.Functions;

/// <summary>
/// The benchmark's function actions over HTTP, each checking the reply, so a run that silently returned nothing
/// (or the wrong thing) cannot pass for a fast one.
/// </summary>
public sealed class FunctionCalls(GatewayClient client, ActionBodies bodies)
{
    public Task CreateNodeAsync(string name, byte[] zip) => client.CallAsync(bodies.CreateNode(name, zip), data => Created(data, name));

    public Task CreateDotnetAsync(string name, string handler) =>
        client.CallAsync(bodies.CreateDotnet(name, handler), data => Created(data, name));

    /// <summary>A call of <paramref name="name"/> with the event <c>{a:1, b:2}</c>; its body is built once.</summary>
    public Func<Task> Invoker(string name)
    {
        var body = bodies.Invoke(name);
        return () => client.CallAsync(body, ExpectSum);
    }

    /// <summary>The host's own durations (ms, from the entity's ask to the runtime's answer) of the newest calls.</summary>
    public Task<double[]> ServerDurationsAsync(string name, int limit) =>
        client.CallAsync(bodies.Logs(name, limit), data =>
            data.GetProperty("LogList").EnumerateArray().Select(r => r.GetProperty("Duration").GetDouble()).ToArray());

    private static int Created(JsonElement data, string name) => data.GetProperty("FunctionName").GetString() == name
        ? data.GetProperty("Version").GetInt32()
        : throw new InvalidDataException($"createFunction answered for another function: {data}");

    private static int ExpectSum(JsonElement data)
    {
        var text = data.GetProperty("response_data").GetString() ?? throw new InvalidDataException("no response_data");
        using var result = JsonDocument.Parse(text);
        return result.RootElement.TryGetProperty("sum", out var sum) && sum.GetInt32() == 3
            ? 3
            : throw new InvalidDataException($"expected {{\"sum\":3}}, got {text}");
    }
}
