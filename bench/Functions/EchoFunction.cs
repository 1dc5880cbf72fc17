using System.Text.Json.Nodes;
using ActorCloud.Api.Functions;

namespace ActorCloud.Bench.Functions;

/// <summary>
/// The C# function <c>echo</c>, registered in the host: the trivial Node.js function's work (<c>{sum: a + b}</c>)
/// in-process, so the same HTTP path with and without a Node.js process shows what the process costs.
/// </summary>
public sealed class EchoFunction : ICloudFunction
{
    public const string Handler = "echo";

    public Task<JsonNode?> InvokeAsync(JsonNode? @event, CloudFunctionContext context, CancellationToken cancellation) =>
        Task.FromResult<JsonNode?>(new JsonObject { ["sum"] = @event!["a"]!.GetValue<int>() + @event["b"]!.GetValue<int>() });
}
