using ActorCloud.Actors.Collections;
using Akka.Actor;
using Akka.Persistence;

namespace ActorCloud.Persistence.Queries;

/// <summary>
/// Replays a collection's events up to a point into a state through the journal's own recovery path
/// (<see cref="ReplayMessages"/>), which reads events without the per-event tag lookups the query side makes: an as-of
/// read then costs what an entity's recovery costs. A short-lived actor, because the journal answers with a stream
/// of messages to an actor.
/// </summary>
internal sealed class PastReplay : ReceiveActor
{
    public sealed record Result(long SequenceNr, DateTime? At);

    public PastReplay(IActorRef journal, string persistenceId, CollectionState state, long fromSequenceNr, PointInHistory point,
        TaskCompletionSource<Result> done)
    {
        long reached = fromSequenceNr - 1;
        DateTime? at = null;
        var past = false;
        Receive<ReplayedMessage>(replayed =>
        {
            if (past || replayed.Persistent.Payload is not ICollectionEvent e) return;
            if (!point.Includes(replayed.Persistent.SequenceNr, e.At))
            {
                past = true;
                return;
            }
            state.Apply(e);
            reached = replayed.Persistent.SequenceNr;
            at = e.At;
        });
        Receive<RecoverySuccess>(_ =>
        {
            done.TrySetResult(new Result(reached, at));
            Context.Stop(Self);
        });
        Receive<ReplayMessagesFailure>(failure =>
        {
            done.TrySetException(failure.Cause);
            Context.Stop(Self);
        });
        journal.Tell(new ReplayMessages(fromSequenceNr, point.Seq ?? long.MaxValue, long.MaxValue, persistenceId, Self));
    }
}
