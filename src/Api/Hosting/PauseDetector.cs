using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ActorCloud.Api.Hosting;

/// <summary>
/// Unready after this process was frozen (SIGSTOP, a stalled VM, a long GC) for longer than the failure detector
/// tolerates: the other members may have downed it meanwhile, and it cannot know at once — the first request served
/// after waking comes before its own failure detector has noticed anything. It stays unready for as long as the others
/// take to down a node, by which time a downed node has heard of it from their quarantine and is leaving
/// (<see cref="QuarantineWatcher"/>); a node that was not downed is ready again. Only for a cluster of several nodes.
/// </summary>
public sealed class PauseDetector : IHealthCheck, IDisposable
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(250);

    private readonly TimeSpan _tolerated;
    private readonly TimeSpan _hold;
    private readonly Timer? _timer;
    private long _lastTick = Environment.TickCount64;
    private long _unreadyUntil;

    public PauseDetector(IOptions<ActorCloudOptions> options)
    {
        var cluster = options.Value.Cluster;
        _tolerated = cluster.AcceptableHeartbeatPause;
        // Their failure detector's pause, their resolver's stable-after, the removal margin, and the time for a few
        // messages to reach them and bring back their quarantine.
        _hold = cluster.AcceptableHeartbeatPause + cluster.StableAfter + TimeSpan.FromSeconds(5);
        if (cluster.AllSeedNodes.Length > 0) _timer = new Timer(_ => Tick(), null, TickInterval, TickInterval);
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_timer is null) return Task.FromResult(HealthCheckResult.Healthy());
        Tick();
        return Task.FromResult(Environment.TickCount64 < Interlocked.Read(ref _unreadyUntil)
            ? HealthCheckResult.Unhealthy("this node was frozen for longer than the failure detector tolerates; it may have been downed")
            : HealthCheckResult.Healthy());
    }

    private void Tick()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Exchange(ref _lastTick, now);
        if (now - last > _tolerated.TotalMilliseconds) Interlocked.Exchange(ref _unreadyUntil, now + (long)_hold.TotalMilliseconds);
    }

    public void Dispose() => _timer?.Dispose();
}
