using ActorCloud.Persistence.Journal;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ActorCloud.Api.Hosting;

/// <summary>
/// <c>/healthz</c>: the process is alive (always 200 while it answers), with this node's view of the cluster, so an
/// operator sees at a glance who is up, who is unreachable and who leads. <c>/readyz</c>: this node is an <c>Up</c>
/// member and its journal and blob store answer (503 otherwise) — what a load balancer should route by.
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", (ActorSystem system) => Results.Json(Membership(Cluster.Get(system))));
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(JournalHosting.ReadyTag) });
    }

    private static object Membership(Cluster cluster)
    {
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        return new
        {
            status = "alive",
            self = cluster.SelfAddress.ToString(),
            selfStatus = cluster.SelfMember.Status.ToString(),
            leader = state.Leader?.ToString(),
            // The oldest member hosts the cluster singletons, the shard coordinator among them.
            oldest = state.Members.Where(m => m.Status == MemberStatus.Up).OrderBy(m => m, Member.AgeOrdering).FirstOrDefault()?.Address.ToString(),
            members = state.Members.Select(m => new
            {
                address = m.Address.ToString(),
                status = m.Status.ToString(),
                reachable = !unreachable.Contains(m.Address),
            }),
            unreachable = unreachable.Select(a => a.ToString()),
        };
    }
}
