using System.Diagnostics;
using Akka.Actor;
using static ActorCloud.Actors.Functions.FunctionReplies;

namespace ActorCloud.Actors.Functions;

/// <summary>
/// One call, as a short-lived child of its function entity: hands the call to a runtime instance, enforces the
/// version's deadline, replies exactly once (result, error, or CloudBase's timeout text) and stops. A timed-out
/// call is cancelled, which makes the runtime discard the instance that ran it.
/// </summary>
public sealed class InvocationActor : ReceiveActor, IWithTimers
{
    private readonly FunctionVersion _version;
    private readonly FunctionInvocation _invocation;
    private readonly IActorRef _replyTo;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _replied;

    public InvocationActor(string env, string name, FunctionVersion version, FunctionInvocation invocation, IActorRef replyTo, IFunctionRuntimes runtimes)
    {
        _version = version;
        _invocation = invocation;
        _replyTo = replyTo;
        Receive<RuntimeOutcome>(outcome => Reply(outcome.ResultJson, outcome.ErrorMessage, outcome.Logs));
        Receive<Status.Failure>(failure => Reply(null, $"the function's runtime failed: {failure.Cause.Message}", []));
        Receive<Deadline>(_ =>
        {
            _cancellation.Cancel();
            Reply(null, $"Invoking task timed out after {_version.TimeoutSeconds} seconds", []);
        });
        Timers.StartSingleTimer(Deadline.Instance, Deadline.Instance, TimeSpan.FromSeconds(version.TimeoutSeconds));
        runtimes.InvokeAsync(env, name, version, invocation, _cancellation.Token).PipeTo(Self);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string env, string name, FunctionVersion version, FunctionInvocation invocation, IActorRef replyTo, IFunctionRuntimes runtimes) =>
        Akka.Actor.Props.Create(() => new InvocationActor(env, name, version, invocation, replyTo, runtimes));

    protected override void PostStop()
    {
        // A call still running when the entity stops is abandoned, so its runtime instance is not reused.
        if (!_replied) _cancellation.Cancel();
        _cancellation.Dispose();
    }

    private void Reply(string? result, string? error, IReadOnlyList<LogLine> logs)
    {
        if (_replied) return;
        _replied = true;
        _replyTo.Tell(new Invoked(_invocation.RequestId, _version.Version, result, error, logs, _clock.Elapsed.TotalMilliseconds));
        Context.Stop(Self);
    }

    private sealed class Deadline
    {
        public static readonly Deadline Instance = new();
    }
}
