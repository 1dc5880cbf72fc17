using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorCloud.Api.Hosting;

/// <summary>
/// Ready only while this node reaches a majority of the members (itself included). A node on the minority side of a
/// partition, or woken from a pause to find every other member unreachable, is about to be downed (or to learn that it
/// was): the split-brain resolver keeps the majority, so requests routed to it would only wait and fail.
/// </summary>
public sealed class ClusterMajorityCheck(ActorSystem system) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = Cluster.Get(system).State;
        var members = state.Members.Count(Serving);
        var reachable = members - state.Unreachable.Count(Serving);
        return Task.FromResult(members == 0 || reachable * 2 > members
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"this node reaches {reachable} of {members} members, not a majority"));
    }

    /// <summary>Members that count towards the majority: those the resolver weighs, not joining or exiting ones.</summary>
    private static bool Serving(Member member) => member.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving;
}
