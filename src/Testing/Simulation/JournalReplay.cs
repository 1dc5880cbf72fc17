using Akka.Actor;
using Akka.Persistence;

namespace ActorCloud.Testing.Simulation;

/// <summary>
/// Every event of one persistence id, from the first, read the way an entity recovers (<see cref="ReplayMessages"/>
/// to the journal) but never from a snapshot: what a workload folds into a fresh replay to check that recovery from
/// snapshots and the live state agree with the whole history. A short-lived actor receives them, as the journal
/// answers with a stream of messages to an actor.
/// </summary>
public static class JournalReplay
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<IReadOnlyList<object>> EventsAsync(ActorSystem system, string persistenceId)
    {
        var done = new TaskCompletionSource<IReadOnlyList<object>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var journal = Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null);
        system.ActorOf(Props.Create(() => new Reader(journal, persistenceId, done)));
        return await done.Task.WaitAsync(Timeout);
    }

    private sealed class Reader : ReceiveActor
    {
        public Reader(IActorRef journal, string persistenceId, TaskCompletionSource<IReadOnlyList<object>> done)
        {
            var events = new List<object>();
            Receive<ReplayedMessage>(replayed => events.Add(replayed.Persistent.Payload));
            Receive<RecoverySuccess>(_ =>
            {
                done.TrySetResult(events);
                Context.Stop(Self);
            });
            Receive<ReplayMessagesFailure>(failure =>
            {
                done.TrySetException(failure.Cause);
                Context.Stop(Self);
            });
            journal.Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, persistenceId, Self));
        }
    }
}
