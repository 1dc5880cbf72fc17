using System.Text.Json;
using System.Text.Json.Nodes;
using ActorCloud.Actors.Functions;

namespace ActorCloud.Api.Functions;

/// <summary>
/// A cloud function written in C#: registered in the host (<see cref="CSharpFunctions.AddCloudFunction{T}"/>), deployed
/// with <c>Runtime: "dotnet"</c> and <c>Handler</c> = its registered name, and called through the same entity,
/// invocation actor and deadline as a Node.js function — in-process, with no code package.
/// </summary>
public interface ICloudFunction
{
    Task<JsonNode?> InvokeAsync(JsonNode? @event, CloudFunctionContext context, CancellationToken cancellation);
}

/// <summary>What a C# function learns about its call (the SCF context and the caller, as a Node.js function would).</summary>
public sealed record CloudFunctionContext(string RequestId, string Env, string FunctionName, int Version, string? OpenId, string? AppId);

public static class CSharpFunctions
{
    public const string Runtime = FunctionState.InProcessRuntime;

    /// <summary>Registers <typeparamref name="T"/> as the C# function <paramref name="handler"/>.</summary>
    public static IServiceCollection AddCloudFunction<T>(this IServiceCollection services, string handler) where T : class, ICloudFunction =>
        services.AddSingleton<T>().AddSingleton(sp => new RegisteredFunction(handler, sp.GetRequiredService<T>()));
}

public sealed record RegisteredFunction(string Handler, ICloudFunction Function);

/// <summary>Runs C# functions in-process; an exception is the call's error, as a throw is in Node.js.</summary>
public sealed class CSharpRuntime(IEnumerable<RegisteredFunction> registered)
{
    private readonly Dictionary<string, ICloudFunction> _functions = registered.ToDictionary(r => r.Handler, r => r.Function, StringComparer.Ordinal);

    public bool Has(string handler) => _functions.ContainsKey(handler);

    public async Task<RuntimeOutcome> InvokeAsync(
        string env, string name, FunctionVersion version, FunctionInvocation invocation, CancellationToken cancellation)
    {
        if (!_functions.TryGetValue(version.Handler, out var function))
            return new RuntimeOutcome(null, $"no C# function is registered as '{version.Handler}' on this host", []);
        try
        {
            var context = new CloudFunctionContext(invocation.RequestId, env, name, version.Version, invocation.OpenId, invocation.AppId);
            var result = await function.InvokeAsync(JsonNode.Parse(invocation.EventJson), context, cancellation);
            return new RuntimeOutcome(result?.ToJsonString() ?? "null", null, []);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            return new RuntimeOutcome(null, e.ToString(), []);
        }
    }
}

/// <summary>The runtime port: C# functions in-process, everything else on warm Node.js processes.</summary>
public sealed class FunctionRuntimes(CSharpRuntime csharp, NodeRuntimePool node) : IFunctionRuntimes
{
    public Task<RuntimeOutcome> InvokeAsync(
        string env, string name, FunctionVersion version, FunctionInvocation invocation, CancellationToken cancellation) =>
        version.Runtime == CSharpFunctions.Runtime
            ? csharp.InvokeAsync(env, name, version, invocation, cancellation)
            : node.InvokeAsync(env, name, version, invocation, cancellation);
}
