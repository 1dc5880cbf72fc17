using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using ActorCloud.Actors.Transactions;

namespace ActorCloud.Actors.Collections;

/// <summary>
/// A held transaction is normally resolved by its coordinator within moments; after a restart, or when its resolution
/// is late, the collection asks the transaction entity for the decision itself, and again until it gets one. This is
/// that asking, for a collection actor: the answers come back to it as <see cref="Arrived"/> or, when none came, a
/// <see cref="Check"/> after the interval.
/// </summary>
internal sealed class HeldTransactionDecisions(string env, TimeSpan interval)
{
    /// <summary>Time to ask about the transaction (again), if it is still held.</summary>
    public sealed record Check(string TransactionId);

    public sealed record Arrived(string TransactionId, bool Committed);

    public void Ask(string transactionId, IActorContext context, ITimerScheduler timers)
    {
        var self = context.Self;
        try
        {
            ClusterSharding.Get(context.System).ShardRegion(TransactionRegion.Name)
                .Ask<TransactionMessages.DecisionReply>(new TransactionMessages.GetDecision($"{env}/{transactionId}"), interval)
                .ContinueWith(t => t.IsCompletedSuccessfully ? (object)new Arrived(transactionId, t.Result.Committed) : new Unavailable(transactionId))
                .PipeTo(self);
        }
        catch (Exception e) when (e is ArgumentException or ConfigurationException)
        {
            // No transaction region here (not yet started, or no cluster at all, as in unit tests): look again later.
            CheckLater(transactionId, timers);
        }
    }

    /// <summary>Handles the one message of its own that comes back to the actor; false for any other.</summary>
    public bool Handle(object message, ITimerScheduler timers)
    {
        if (message is not Unavailable unavailable) return false;
        CheckLater(unavailable.TransactionId, timers);
        return true;
    }

    /// <summary>A check for each of these transactions that has none pending.</summary>
    public void CheckUnscheduled(IEnumerable<string> transactionIds, ITimerScheduler timers)
    {
        foreach (var id in transactionIds.Where(id => !timers.IsTimerActive(TimerKey(id)))) CheckLater(id, timers);
    }

    private void CheckLater(string transactionId, ITimerScheduler timers) =>
        timers.StartSingleTimer(TimerKey(transactionId), new Check(transactionId), interval);

    private static string TimerKey(string transactionId) => $"held-transaction-{transactionId}";

    private sealed record Unavailable(string TransactionId);
}
