using System.Diagnostics;
using System.Text.Json;
using ActorCloud.Testing.Processes;

namespace ActorCloud.Bench.Cluster;

/// <summary>
/// A <see cref="LocalCluster"/> (private PostgreSQL, Azurite, n node processes) with what the phases need beside it: a
/// node-sdk-shaped client per node, the membership each node reports on <c>/healthz</c>, and restarting lost nodes.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    public const string Env = "bench";
    public const string AdminKey = "bench-admin-key";

    /// <summary>
    /// Connections per node: more than requests ever in flight. The failover probe does not wait for answers, and while
    /// a collection is lost each of its writes hangs up to 12 s: with fewer connections, writes sent after the
    /// collection came back would queue in the client behind the hung ones, and the failover would seem to last 12 s.
    /// </summary>
    private const int Connections = 4096;

    private readonly LocalCluster _cluster;
    private readonly GatewayClient[] _clients;
    // A restarted node gets a fresh client (its pooled connections died with the old process); the old ones are
    // disposed at the end, since a request still in flight may hold one.
    private readonly List<GatewayClient> _retired = [];
    private readonly HttpClient _health = new() { Timeout = TimeSpan.FromSeconds(2) };

    private BenchCluster(string name, LocalCluster cluster, TimeSpan startTime)
    {
        Name = name;
        _cluster = cluster;
        StartTime = startTime;
        _clients = [.. cluster.Nodes.Select(NewClient)];
    }

    public string Name { get; }

    public TimeSpan StartTime { get; }

    public IReadOnlyList<ClusterNode> Nodes => _cluster.Nodes;

    public int PostgresPort => _cluster.Postgres.Port;

    /// <summary>Where the nodes' logs and data are (kept with <c>--keep-data</c>).</summary>
    public string Directory => Path.GetDirectoryName(Nodes[0].DataDirectory)!;

    public static async Task<BenchCluster> StartAsync(string name, int nodes, params string[] flags)
    {
        var options = new LocalClusterOptions(Path.Combine(AppContext.BaseDirectory, "ActorCloud.Api.dll"), RepositoryRoot(), AdminKey, Env)
        {
            Nodes = nodes,
            ExtraArguments = flags,
        };
        var start = Stopwatch.StartNew();
        var cluster = await LocalCluster.StartAsync(options);
        return new BenchCluster(name, cluster, start.Elapsed);
    }

    public GatewayClient Client(ClusterNode node) => _clients[node.Index - 1];

    /// <summary>The node hosting the cluster singletons, the shard coordinator among them, as a running node sees it.</summary>
    public async Task<ClusterNode> OldestAsync()
    {
        var health = await HealthAsync(Nodes.First(n => n.IsRunning));
        var oldest = health.GetProperty("oldest").GetString();
        return Nodes.Single(n => n.RemotingAddress == oldest);
    }

    /// <summary>A node's view of membership (throws while it does not answer).</summary>
    public async Task<JsonElement> HealthAsync(ClusterNode node) =>
        JsonDocument.Parse(await _health.GetStringAsync(new Uri(node.Url, "/healthz"))).RootElement;

    /// <summary>SIGKILLs every node, starts them all again (same ports, same journal) and waits until all are members.</summary>
    public async Task RestartAllAsync()
    {
        foreach (var node in Nodes) node.Kill();
        await HealAsync();
    }

    /// <summary>Restarts every node that is not running and waits until all are ready members again.</summary>
    public async Task HealAsync()
    {
        var down = Nodes.Where(n => !n.IsRunning).ToList();
        await Task.WhenAll(down.Select(n => n.StartAsync()));
        foreach (var node in down)
        {
            _retired.Add(_clients[node.Index - 1]);
            _clients[node.Index - 1] = NewClient(node);
        }
        await _cluster.WaitForMembersAsync(Nodes.Count, TimeSpan.FromSeconds(120));
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        foreach (var client in _clients.Concat(_retired)) client.Dispose();
        _health.Dispose();
    }

    private static GatewayClient NewClient(ClusterNode node) => new(node.Url, Env, AdminKey, Connections);

    /// <summary>
    /// The repository (its <c>azurite</c> and <c>runtime</c> folders): above the binaries, else above the working
    /// directory (builds with an artifacts path outside the repository), else <c>ACTORCLOUD_REPO</c>.
    /// </summary>
    private static string RepositoryRoot()
    {
        static string? Above(string start)
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorCloud.sln"))) dir = dir.Parent;
            return dir?.FullName;
        }

        return Above(AppContext.BaseDirectory) ?? Above(System.IO.Directory.GetCurrentDirectory())
            ?? Environment.GetEnvironmentVariable("ACTORCLOUD_REPO")
            ?? throw new InvalidOperationException("ActorCloud.sln not found; set ACTORCLOUD_REPO to the repository root");
    }
}
