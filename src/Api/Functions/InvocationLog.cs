using System.Collections.Concurrent;
using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Functions;
using Prometheus;
using static ActorCloud.Actors.Functions.FunctionReplies;

namespace ActorCloud.Api.Functions;

/// <summary>
/// What happened to recent calls, for admins (<c>actorcloud.getFunctionLogs</c>), and the counters on <c>/metrics</c>.
/// Calls are not events of the function entity (DESIGN): they go to a log bounded per function (the newest
/// <see cref="PerFunction"/> calls, each with at most its runtime's bounded log lines), kept by the node that
/// served them.
/// </summary>
public sealed class InvocationLog
{
    public const int PerFunction = 200;

    private static readonly Counter Invocations = Metrics.CreateCounter(
        "actorcloud_function_invocations_total", "Function calls by outcome.", "env", "function", "outcome");

    private static readonly Histogram Durations = Metrics.CreateHistogram(
        "actorcloud_function_duration_seconds", "Function call duration, from the gateway's ask to the answer.",
        new HistogramConfiguration { LabelNames = ["env", "function"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 17) });

    private readonly ConcurrentDictionary<string, Queue<InvocationRecord>> _byFunction = new(StringComparer.Ordinal);

    public void Record(string env, string name, Caller caller, Invoked invoked)
    {
        var outcome = invoked.Succeeded ? "success" : invoked.ErrorMessage!.StartsWith("Invoking task timed out", StringComparison.Ordinal) ? "timeout" : "error";
        Invocations.WithLabels(env, name, outcome).Inc();
        Durations.WithLabels(env, name).Observe(invoked.DurationMs / 1000);
        var queue = _byFunction.GetOrAdd($"{env}/{name}", _ => new Queue<InvocationRecord>());
        lock (queue)
        {
            queue.Enqueue(new InvocationRecord(invoked.RequestId, invoked.Version, DateTime.UtcNow, outcome, invoked.DurationMs,
                invoked.ErrorMessage, invoked.Logs, caller));
            while (queue.Count > PerFunction) queue.Dequeue();
        }
    }

    /// <summary>The newest calls first.</summary>
    public IReadOnlyList<InvocationRecord> Recent(string env, string name, int limit)
    {
        if (!_byFunction.TryGetValue($"{env}/{name}", out var queue)) return [];
        lock (queue) return queue.Reverse().Take(limit).ToList();
    }
}

public sealed record InvocationRecord(
    string RequestId, int Version, DateTime At, string Outcome, double DurationMs, string? Error, IReadOnlyList<LogLine> Logs, Caller Caller);
