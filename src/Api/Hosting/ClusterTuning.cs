using Akka.Hosting;

namespace ActorCloud.Api.Hosting;

/// <summary>
/// The cluster settings a small ActorCloud cluster (one to a handful of nodes on PostgreSQL) needs beyond Akka's
/// defaults, which are tuned for large clusters: a node that stops answering is downed in seconds rather than in
/// the ~45 s of the defaults, messages as large as our requests cross the wire, and shards spread quickly over
/// nodes that join. See docs/architecture.md, "Cluster".
/// </summary>
public static class ClusterTuning
{
    public static AkkaConfigurationBuilder WithActorCloudClusterTuning(this AkkaConfigurationBuilder builder, ActorCloudOptions options)
    {
        var cluster = options.Cluster;
        // A frame carries one message whole: an insert of a 16 MB document, or a reply of many documents, must fit.
        var frame = Math.Max(options.Limits.MaxBodyBytes * 2, 4L * 1024 * 1024);
        return builder.AddHocon(
            $$"""
            akka.cluster {
              downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
              split-brain-resolver {
                active-strategy = keep-majority
                stable-after = {{Ms(cluster.StableAfter)}}
              }
              # Membership news (a node down, then removed) spreads and is acted on twice as often as by default.
              gossip-interval = 500ms
              leader-actions-interval = 500ms
              unreachable-nodes-reaper-interval = 500ms
              # After a node is removed, the shard coordinator waits this long before starting its shards elsewhere
              # (with the split-brain resolver it defaults to stable-after): time for a node downed by the others but
              # still running (paused, partitioned) to learn it and stop. A stale entity that writes meanwhile collides
              # with the new one on the journal's (persistence id, sequence number) key and is refused.
              down-removal-margin = 1s
              failure-detector {
                heartbeat-interval = {{Ms(cluster.HeartbeatInterval)}}
                acceptable-heartbeat-pause = {{Ms(cluster.AcceptableHeartbeatPause)}}
              }
              sharding {
                least-shard-allocation-strategy {
                  rebalance-absolute-limit = 10
                  rebalance-relative-limit = 0.1
                }
                # A rebalance caught by a node's death waited Akka's 60 s for a hand-off that could no longer come,
                # holding its shard meanwhile (bench/Cluster: 2 of 10 kills). A hand-off that times out is abandoned and
                # the shard stays where it was, so a short limit is safe; our entities stop within milliseconds.
                handoff-timeout = 10s
                coordinator-failure-backoff = 1s
                retry-interval = 1s
              }
            }
            # The host runs CoordinatedShutdown when it stops, after the drain (ShutdownDrain). Akka's own SIGTERM hook
            # (on .NET 10 a POSIX signal handler) would start leaving at once, while the node still looks ready and
            # takes requests that then wait for shards already handed off.
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            akka.remote.dot-netty.tcp {
              maximum-frame-size = {{frame}}b
            }
            """,
            HoconAddMode.Prepend);
    }

    private static string Ms(TimeSpan span) => $"{(long)span.TotalMilliseconds}ms";
}
