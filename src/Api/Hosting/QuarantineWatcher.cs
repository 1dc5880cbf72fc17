using Akka.Actor;
using Akka.Event;
using Akka.Remote;

namespace ActorCloud.Api.Hosting;

/// <summary>
/// Makes a node that the others have removed leave for good. A node paused (or cut off) past the failure detector is
/// downed and removed by the rest, who then quarantine it and stop gossiping to it, so it never hears that it is
/// down: on waking, its own split-brain resolver may even down them and carry on as a cluster of one. Its one sign is
/// Akka's <see cref="ThisActorSystemQuarantinedEvent"/>, on its first attempt to reach one of them; it then runs
/// CoordinatedShutdown as a downed node does, and the host exits (a supervisor restarts it as a new member).
/// </summary>
public sealed class QuarantineWatcher : ReceiveActor
{
    public QuarantineWatcher()
    {
        Receive<ThisActorSystemQuarantinedEvent>(quarantined =>
        {
            Context.GetLogger().Warning("{0} has quarantined this node: the cluster removed it; leaving", quarantined.RemoteAddress);
            CoordinatedShutdown.Get(Context.System).Run(CoordinatedShutdown.ClusterDowningReason.Instance);
        });
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe<ThisActorSystemQuarantinedEvent>(Self);

    public static Props Props() => Akka.Actor.Props.Create(() => new QuarantineWatcher());
}
