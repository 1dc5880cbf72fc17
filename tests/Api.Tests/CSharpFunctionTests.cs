using System.Text.Json.Nodes;
using ActorCloud.Api.Functions;
using ActorCloud.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ActorCloud.Api.Tests;

/// <summary>
/// A C# class registered in the host serves as a cloud function through the same path as Node.js code: deployed with
/// <c>Runtime: "dotnet"</c>, called with <c>functions.invokeFunction</c>, bound by the same deadline.
/// </summary>
public sealed class CSharpFunctionTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(null, services => services
        .AddCloudFunction<Sum>("sum")
        .AddCloudFunction<Sleeper>("sleeper"));

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.DeleteData();
    }

    [Fact]
    public async Task A_registered_class_answers_calls_with_the_caller_context()
    {
        var deployed = await _host.CallAsync(Deploy("sum", "sum"));
        Assert.Equal(1, deployed.GetProperty("data").GetProperty("Version").GetInt32());
        var reply = await _host.CallAsync(new { action = "functions.invokeFunction", function_name = "sum", request_data = """{"a":12,"b":19}""" });
        var result = JsonNode.Parse(reply.GetProperty("data").GetProperty("response_data").GetString()!)!;
        Assert.Equal(31, result["sum"]!.GetValue<int>());
        Assert.Equal("sum", result["function"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deadlines_and_exceptions_end_the_call_with_CloudBase_errors()
    {
        await _host.CallAsync(Deploy("sleeper", "sleeper", timeout: 1));
        var timedOut = await _host.CallAsync(new { action = "functions.invokeFunction", function_name = "sleeper", request_data = """{"ms":5000}""" });
        Assert.Equal(("FUNCTIONS_EXECUTE_FAIL", "Invoking task timed out after 1 seconds"),
            (timedOut.GetProperty("code").GetString(), timedOut.GetProperty("message").GetString()));
        var thrown = await _host.CallAsync(new { action = "functions.invokeFunction", function_name = "sleeper", request_data = """{"ms":-1}""" });
        Assert.Contains("ms must not be negative", thrown.GetProperty("message").GetString());
        var unknown = await _host.CallAsync(Deploy("ghost", "ghost"));
        Assert.Equal("INVALID_PARAM", unknown.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Calls_are_logged_for_admins_and_counted_on_the_metrics_endpoint()
    {
        await _host.CallAsync(Deploy("logged", "sum"));
        await _host.CallAsync(new { action = "functions.invokeFunction", function_name = "logged", request_data = """{"a":1,"b":2}""" });
        var failed = await _host.CallAsync(new { action = "functions.invokeFunction", function_name = "logged", request_data = """{"a":1}""" });
        Assert.Equal("FUNCTIONS_EXECUTE_FAIL", failed.GetProperty("code").GetString());

        var logs = await _host.CallAsync(new Dictionary<string, object> { ["action"] = "actorcloud.getFunctionLogs", ["FunctionName"] = "logged" });
        var list = logs.GetProperty("data").GetProperty("LogList").EnumerateArray().ToList();
        Assert.Equal(["error", "success"], list.Select(l => l.GetProperty("Status").GetString()));
        Assert.Equal([1, 0], list.Select(l => l.GetProperty("RetCode").GetInt32()));
        Assert.Contains("NullReferenceException", list[0].GetProperty("ErrorMessage").GetString());
        Assert.Equal("admin", list[1].GetProperty("Caller").GetProperty("kind").GetString());

        var metrics = await _host.Client.GetStringAsync("/metrics");
        Assert.Contains("""actorcloud_function_invocations_total{env="test-env",function="logged",outcome="success"} 1""", metrics);
        Assert.Contains("""actorcloud_function_invocations_total{env="test-env",function="logged",outcome="error"} 1""", metrics);
        Assert.Contains("""actorcloud_function_duration_seconds_count{env="test-env",function="logged"} 2""", metrics);
    }

    /// <summary>SCF's member names are PascalCase; an anonymous object would be camel-cased by the web serializer.</summary>
    private static Dictionary<string, object> Deploy(string name, string handler, int timeout = 3) => new()
    {
        ["action"] = "actorcloud.createFunction", ["FunctionName"] = name, ["Runtime"] = "dotnet", ["Handler"] = handler, ["Timeout"] = timeout,
    };

    private sealed class Sum : ICloudFunction
    {
        public Task<JsonNode?> InvokeAsync(JsonNode? @event, CloudFunctionContext context, CancellationToken cancellation) =>
            Task.FromResult<JsonNode?>(new JsonObject
            {
                ["sum"] = @event!["a"]!.GetValue<int>() + @event["b"]!.GetValue<int>(),
                ["function"] = context.FunctionName,
            });
    }

    private sealed class Sleeper : ICloudFunction
    {
        public async Task<JsonNode?> InvokeAsync(JsonNode? @event, CloudFunctionContext context, CancellationToken cancellation)
        {
            var ms = @event!["ms"]!.GetValue<int>();
            if (ms < 0) throw new ArgumentOutOfRangeException(nameof(@event), "ms must not be negative");
            await Task.Delay(ms, cancellation);
            return JsonValue.Create("awake");
        }
    }
}
