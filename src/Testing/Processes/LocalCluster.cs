using System.Net;
using System.Text.Json;
using ActorCloud.Persistence;
using ActorCloud.Persistence.Blobs;

namespace ActorCloud.Testing.Processes;

/// <summary>What a <see cref="LocalCluster"/> runs.</summary>
/// <param name="HostAssembly">The built <c>ActorCloud.Api.dll</c>.</param>
/// <param name="Repository">The ActorCloud repository: its <c>azurite</c> and <c>runtime</c> (functions' shared modules) folders.</param>
public sealed record LocalClusterOptions(string HostAssembly, string Repository, string AdminKey, string Env)
{
    public int Nodes { get; init; } = 3;

    /// <summary>More flags for every node, e.g. <c>--create-on-first-write true</c>.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}

/// <summary>
/// Several ActorCloud nodes on this machine forming one cluster, as in production: each its own process with its own
/// HTTP and remoting port, all on one private PostgreSQL (journal and snapshots) and one Azurite (file content). Nodes
/// can be killed, stopped, paused and restarted; disposing stops everything and deletes its files.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly string _directory;
    private readonly AzuriteServer _azurite;

    private LocalCluster(string directory, PostgresServer postgres, AzuriteServer azurite, IReadOnlyList<ClusterNode> nodes)
    {
        _directory = directory;
        Postgres = postgres;
        _azurite = azurite;
        Nodes = nodes;
    }

    public PostgresServer Postgres { get; }

    public IReadOnlyList<ClusterNode> Nodes { get; }

    public string JournalConnection => Postgres.ConnectionString("actorcloud");

    public string BlobConnection => _azurite.ConnectionString;

    /// <summary>Starts PostgreSQL, Azurite and every node at once, and waits until all are members and ready.</summary>
    public static async Task<LocalCluster> StartAsync(LocalClusterOptions options)
    {
        var directory = Directory.CreateTempSubdirectory("actorcloud-cluster-").FullName;
        // Function processes run as an unprivileged user, who must be able to pass through to each node's code folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, File.GetUnixFileMode(directory) | UnixFileMode.OtherExecute);
        var postgres = await PostgresServer.StartAsync();
        var journal = await postgres.CreateDatabaseAsync("actorcloud");
        var azurite = AzuriteServer.StartOrReuse(directory, Path.Combine(options.Repository, "azurite", "start.sh"));
        var ports = Enumerable.Range(0, options.Nodes).Select(_ => (Http: LoopbackPort.Free(), Remoting: LoopbackPort.Free())).ToList();
        var seeds = string.Join(',', ports.Select(p => $"akka.tcp://actorcloud@127.0.0.1:{p.Remoting}"));
        var nodes = ports.Select((p, i) =>
        {
            var data = Path.Combine(directory, $"node-{i + 1}");
            string[] arguments =
            [
                options.HostAssembly, "--port", p.Http.ToString(), "--data", data,
                "--admin-key", options.AdminKey, "--env", options.Env,
                "--journal", "postgresql", "--journal-connection", journal, "--blob-connection", azurite.ConnectionString,
                "--remoting-port", p.Remoting.ToString(), "--seed-nodes", seeds,
                "--ActorCloud:Functions:RuntimeDirectory", Path.Combine(options.Repository, "runtime"), .. options.ExtraArguments,
            ];
            return new ClusterNode(i + 1, p.Http, p.Remoting, data, arguments);
        }).ToList();
        var cluster = new LocalCluster(directory, postgres, azurite, nodes);
        try
        {
            await Task.WhenAll(nodes.Select(n => n.StartAsync()));
            await cluster.WaitForMembersAsync(options.Nodes, TimeSpan.FromSeconds(120));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits until a running node sees exactly <paramref name="count"/> members, all <c>Up</c> and reachable, and every
    /// running node answers <c>/readyz</c> (paused nodes aside).
    /// </summary>
    public async Task WaitForMembersAsync(int count, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var running = Nodes.Where(n => n.IsRunning && !n.IsPaused).ToList();
                var health = JsonDocument.Parse(await http.GetStringAsync(new Uri(running[0].Url, "/healthz"))).RootElement;
                last = health.ToString();
                var members = health.GetProperty("members").EnumerateArray().ToList();
                var settled = members.Count == count && members.All(m => m.GetProperty("status").GetString() == "Up" && m.GetProperty("reachable").GetBoolean());
                if (settled && await AllReadyAsync(http, running)) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"the cluster did not settle on {count} ready members within {timeout.TotalSeconds} s; last: {last}");
    }

    private static async Task<bool> AllReadyAsync(HttpClient http, IEnumerable<ClusterNode> nodes)
    {
        foreach (var node in nodes)
        {
            using var ready = await http.GetAsync(new Uri(node.Url, "/readyz"));
            if (ready.StatusCode != HttpStatusCode.OK) return false;
        }
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Nodes.Select(async n =>
        {
            try
            {
                await n.StopAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                // Killed instead; the files go anyway.
            }
        }));
        _azurite.Dispose();
        await Postgres.DisposeAsync();
        // ACTORCLOUD_KEEP_CLUSTER=1 keeps the nodes' logs and data for a look after a failed test.
        if (Environment.GetEnvironmentVariable("ACTORCLOUD_KEEP_CLUSTER") != "1") Directory.Delete(_directory, recursive: true);
    }

}
