using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Functions;
using ActorCloud.Actors.Tests.Support;
using ActorCloud.Documents;
using Akka.Actor;
using Xunit.Abstractions;
using static ActorCloud.Actors.Functions.FunctionCommands;
using static ActorCloud.Actors.Functions.FunctionReplies;

namespace ActorCloud.Actors.Tests;

/// <summary>
/// The function entity over a real SQLite journal and its invocation children: versioned deployments, refusals,
/// recovery, a deadline that answers once and cancels the runtime, calls staying on the version they started on,
/// and a stop that waits for calls in flight.
/// </summary>
public sealed class FunctionActorSpecs(ITestOutputHelper output) : JournalSpecBase(output)
{
    private const string EntityId = "test-env/add";
    private static readonly Caller Admin = Caller.Admin("root:test");

    private IActorRef Spawn(IFunctionRuntimes runtimes, FunctionSettings? settings = null) =>
        Sys.ActorOf(FunctionActor.Props(EntityId, settings ?? new FunctionSettings(), runtimes));

    private static FunctionSpec Code(string sha, int? timeout = null) => new(CodeBlob: $"test-env/{sha}.zip", CodeSha256: sha, CodeSize: 10, TimeoutSeconds: timeout);

    private async Task<T> AskAsync<T>(IActorRef function, IFunctionMessage message) where T : IFunctionReply
    {
        var reply = await function.Ask<IFunctionReply>(message, AskTimeout);
        return reply is T expected ? expected : throw new Xunit.Sdk.XunitException($"expected {typeof(T).Name}, got {reply}");
    }

    private static InvokeFunction Call(string requestId) =>
        new(EntityId, new FunctionInvocation(requestId, """{"a":1}""", Admin, null, null, "scf"));

    [Fact]
    public async Task Deployments_are_versions_and_refusals_change_nothing()
    {
        var function = Spawn(new ScriptedRuntimes((_, _, _) => ScriptedRuntimes.Result("1")));
        Assert.Equal(FunctionState.NotFoundCode, (await AskAsync<FunctionFailed>(function, new DeployFunction(EntityId, Code("a"), false, Admin))).Code);
        var created = await AskAsync<FunctionView>(function, new DeployFunction(EntityId, Code("a"), true, Admin));
        Assert.Equal(1, created.Current!.Version);
        Assert.Equal((FunctionState.DefaultHandler, 3, 256), (created.Current.Handler, created.Current.TimeoutSeconds, created.Current.MemoryMb));
        Assert.Equal(FunctionState.InUseCode, (await AskAsync<FunctionFailed>(function, new DeployFunction(EntityId, Code("b"), true, Admin))).Code);
        Assert.Equal(ErrorCodes.InvalidParam, (await AskAsync<FunctionFailed>(function, new DeployFunction(EntityId, Code("b", timeout: 61), false, Admin))).Code);

        var updated = await AskAsync<FunctionView>(function, new DeployFunction(EntityId, Code("b"), false, Admin));
        var configured = await AskAsync<FunctionView>(function, new ConfigureFunction(EntityId, new FunctionSpec(TimeoutSeconds: 9), Admin));
        var rolledBack = await AskAsync<FunctionView>(function, new RollBackFunction(EntityId, 1, Admin));

        Assert.Equal((2, "b"), (updated.Current!.Version, updated.Current.CodeSha256));
        Assert.Equal((3, "b", 9), (configured.Current!.Version, configured.Current.CodeSha256, configured.Current.TimeoutSeconds));
        Assert.Equal((4, "a", 3, "rollback:1"), (rolledBack.Current!.Version, rolledBack.Current.CodeSha256, rolledBack.Current.TimeoutSeconds, rolledBack.Current.Source));
        Assert.Equal([4, 3, 2, 1], rolledBack.Versions.Select(v => v.Version));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(2)]
    public async Task Versions_and_deletion_survive_a_stop(int snapshotEvery)
    {
        var runtimes = new ScriptedRuntimes((_, _, _) => ScriptedRuntimes.Result("1"));
        var settings = new FunctionSettings(snapshotEvery);
        var function = Spawn(runtimes, settings);
        await AskAsync<FunctionView>(function, new DeployFunction(EntityId, Code("a"), true, Admin));
        await AskAsync<FunctionView>(function, new DeployFunction(EntityId, Code("b"), false, Admin));
        await AskAsync<FunctionView>(function, new DeleteFunction(EntityId, Admin));
        if (snapshotEvery == 2)
            await AwaitAssertAsync(() => Assert.True(ScalarSql("SELECT COUNT(*) FROM snapshot") >= 1), TimeSpan.FromSeconds(20));
        await StopAsync(function);

        var recovered = Spawn(runtimes, settings);
        var view = await AskAsync<FunctionView>(recovered, new GetFunction(EntityId));
        Assert.Null(view.Current);
        Assert.Equal([2, 1], view.Versions.Select(v => v.Version));
        var unknown = await AskAsync<FunctionFailed>(recovered, Call("r1"));
        Assert.Equal((FunctionErrors.ExecuteFail, FunctionActor.UnknownFunctionMessage), (unknown.Code, unknown.Message));
        Assert.Equal(3, (await AskAsync<FunctionView>(recovered, new DeployFunction(EntityId, Code("c"), true, Admin))).Current!.Version);
    }

    [Fact]
    public async Task A_call_is_answered_with_the_runtime_outcome()
    {
        var function = Spawn(new ScriptedRuntimes((_, invocation, _) =>
            Task.FromResult(new RuntimeOutcome($"{{\"echo\":{invocation.EventJson}}}", null, [new LogLine("log", "hi", 1)]))));
        await AskAsync<FunctionView>(function, new DeployFunction(EntityId, Code("a"), true, Admin));
        var invoked = await AskAsync<Invoked>(function, Call("r1"));
        Assert.True(invoked.Succeeded);
        Assert.Equal(("r1", 1, """{"echo":{"a":1}}"""), (invoked.RequestId, invoked.Version, invoked.ResultJson));
        Assert.Equal("hi", Assert.Single(invoked.Logs).Message);
    }

    [Fact]
    public async Task The_deadline_answers_once_with_CloudBase_text_and_cancels_the_runtime()
    {
        var finish = new TaskCompletionSource<RuntimeOutcome>();
        var runtimes = new ScriptedRuntimes((_, _, _) => finish.Task);
        var function = Spawn(runtimes);
        await AskAsync<FunctionView>(function, new DeployFunction(EntityId, Code("a", timeout: 1), true, Admin));
        var probe = CreateTestProbe();
        function.Tell(Call("slow"), probe.Ref);

        var invoked = await probe.ExpectMsgAsync<Invoked>(TimeSpan.FromSeconds(5));
        Assert.Equal("Invoking task timed out after 1 seconds", invoked.ErrorMessage);
        Assert.InRange(invoked.DurationMs, 900, 4000);
        Assert.Contains("slow", runtimes.Cancelled);
        finish.SetResult(new RuntimeOutcome("\"late\"", null, []));
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_failing_runtime_ends_only_its_own_call()
    {
        var calls = 0;
        var function = Spawn(new ScriptedRuntimes((_, _, _) => Interlocked.Increment(ref calls) == 1
            ? Task.FromException<RuntimeOutcome>(new InvalidOperationException("the process died"))
            : ScriptedRuntimes.Result("2")));
        await AskAsync<FunctionView>(function, new DeployFunction(EntityId, Code("a"), true, Admin));
        var failed = await AskAsync<Invoked>(function, Call("r1"));
        Assert.Contains("the process died", failed.ErrorMessage);
        Assert.Equal("2", (await AskAsync<Invoked>(function, Call("r2"))).ResultJson);
    }

    [Fact]
    public async Task A_call_in_flight_finishes_on_its_version_and_a_stop_waits_for_it()
    {
        var release = new TaskCompletionSource();
        var runtimes = new ScriptedRuntimes(async (version, _, _) =>
        {
            if (version.Version == 1) await release.Task;
            return new RuntimeOutcome($"\"v{version.Version}\"", null, []);
        });
        var function = Spawn(runtimes);
        await AskAsync<FunctionView>(function, new DeployFunction(EntityId, Code("a", timeout: 30), true, Admin));
        var probe = CreateTestProbe();
        function.Tell(Call("old"), probe.Ref);
        await AwaitConditionAsync(() => Task.FromResult(runtimes.Calls.Count == 1), TimeSpan.FromSeconds(5));

        await AskAsync<FunctionView>(function, new DeployFunction(EntityId, Code("b"), false, Admin));
        Assert.Equal("\"v2\"", (await AskAsync<Invoked>(function, Call("new"))).ResultJson);

        Watch(function);
        function.Tell(Sharding.StopEntity.Instance);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        release.SetResult();
        Assert.Equal("\"v1\"", (await probe.ExpectMsgAsync<Invoked>(TimeSpan.FromSeconds(5))).ResultJson);
        await ExpectTerminatedAsync(function, TimeSpan.FromSeconds(5));
    }
}
