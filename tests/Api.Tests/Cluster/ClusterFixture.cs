using ActorCloud.Api.Tests.Support;
using ActorCloud.Testing.Processes;

namespace ActorCloud.Api.Tests.Cluster;

/// <summary>
/// Three ActorCloud processes on one PostgreSQL and one Azurite, shared by every cluster test (one at a time: they kill
/// and pause nodes, and each heals the cluster before and after). The failure detector tolerates 4 s of silence rather
/// than the default 2 s, as the rest of the suite loads this two-core machine meanwhile.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private LocalCluster? _cluster;

    public LocalCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster has not started");

    public async Task InitializeAsync() =>
        _cluster = await LocalCluster.StartAsync(new LocalClusterOptions(
            Path.Combine(AppContext.BaseDirectory, "ActorCloud.Api.dll"), RepoPaths.Root, TestHost.AdminKey, TestHost.Env)
        {
            // The development code resolver lets the sign-in suite sign in as any WeChat user, as NodeSdkTests does.
            ExtraArguments = ["--ActorCloud:Cluster:AcceptableHeartbeatPause", "00:00:04", "--ActorCloud:WeChat:DevResolver", "true"],
        });

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    /// <summary>Restarts every node that is down and waits for all to be members again.</summary>
    public async Task HealAsync()
    {
        foreach (var node in Cluster.Nodes.Where(n => !n.IsRunning)) await node.StartAsync();
        await Cluster.WaitForMembersAsync(Cluster.Nodes.Count, TimeSpan.FromSeconds(120));
    }

    public IReadOnlyDictionary<string, string> SdkEnvironment(IEnumerable<ClusterNode> nodes) => new Dictionary<string, string>
    {
        ["ACTORCLOUD_URLS"] = string.Join(',', nodes.Select(n => n.Url.ToString().TrimEnd('/'))),
        ["ACTORCLOUD_KEY"] = TestHost.AdminKey,
        ["ACTORCLOUD_ENV"] = TestHost.Env,
    };
}

/// <summary>
/// Cluster tests run alone, after the rest of the suite: four ActorCloud processes and PostgreSQL beside the other
/// tests' hosts overloaded two cores, and timing-sensitive tests of both kinds failed.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
