using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorCloud.Api.Hosting;

/// <summary>
/// What a node does first when told to stop (SIGTERM): it turns unready (<c>/readyz</c> answers 503) and goes on
/// serving everything for <see cref="ActorCloudOptions.ClusterSection.DrainTime"/>, so that load balancers stop sending
/// it requests and those in flight finish, before it leaves the cluster and hands its shards over. Requests that still
/// arrive while it leaves may time out; a node of a cluster of one has no one to hand over to and does not wait.
/// </summary>
public sealed class ShutdownDrain : IHealthCheck
{
    private volatile bool _draining;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_draining ? HealthCheckResult.Unhealthy("the node is stopping") : HealthCheckResult.Healthy());

    /// <summary>Runs on <see cref="IHostApplicationLifetime.ApplicationStopping"/>, before any service stops.</summary>
    public void Drain(TimeSpan time)
    {
        _draining = true;
        if (time <= TimeSpan.Zero) return;
        Console.WriteLine($"ActorCloud stopping: unready, serving for {time.TotalSeconds:0.#} s more before leaving the cluster");
        Thread.Sleep(time);
    }
}
