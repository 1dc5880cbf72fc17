namespace ActorCloud.Api.Hosting;

/// <summary>
/// The <c>ActorCloud</c> configuration section. Bound from appsettings.json, environment variables
/// (<c>ActorCloud__Port</c>) and command-line flags alike (see <see cref="CommandLineFlags"/>).
/// </summary>
public sealed class ActorCloudOptions
{
    public const string Section = "ActorCloud";

    /// <summary>HTTP port on 127.0.0.1; 0 picks a free one (the real port is printed when ready).</summary>
    public int Port { get; set; } = 8080;

    public string Data { get; set; } = "./data";

    /// <summary>The default environment: created at first start, used when a request names none.</summary>
    public string Env { get; set; } = "dev";

    /// <summary>The root admin key. When unset, one is generated at first start and kept in the journal.</summary>
    public string? AdminKey { get; set; }

    public JournalSection Journal { get; set; } = new();

    public BlobSection Blob { get; set; } = new();

    public LimitsSection Limits { get; set; } = new();

    public FunctionsSection Functions { get; set; } = new();

    /// <summary>The environment's WeChat mini-program app id, which functions see as <c>event.userInfo.appId</c>.</summary>
    public WeChatSection WeChat { get; set; } = new();

    public SnapshotsSection Snapshots { get; set; } = new();

    public TokensSection Tokens { get; set; } = new();

    public CorsSection Cors { get; set; } = new();

    public ExamplesSection Examples { get; set; } = new();

    public CollectionsSection Collections { get; set; } = new();

    public TransactionsSection Transactions { get; set; } = new();

    public RemotingSection Remoting { get; set; } = new();

    public ClusterSection Cluster { get; set; } = new();

    public AkkaSection Akka { get; set; } = new();

    public sealed class JournalSection
    {
        /// <summary><c>sqlite</c> (default, a file in the data directory) or <c>postgresql</c>.</summary>
        public string Provider { get; set; } = "sqlite";

        public string? ConnectionString { get; set; }
    }

    public sealed class BlobSection
    {
        /// <summary>An Azure Storage connection string; unset, the host starts Azurite with its files under the data directory.</summary>
        public string? ConnectionString { get; set; }

        /// <summary>
        /// The folder holding Azurite's <c>start.sh</c> and package.json (the repository's <c>azurite/</c>); unset, it is
        /// looked for above the binaries and the working directory.
        /// </summary>
        public string? AzuriteDirectory { get; set; }

        /// <summary>The container all environments' file content lives in (blob names start with the environment).</summary>
        public string Container { get; set; } = "actorcloud-files";

        /// <summary>The container of function code packages (kept apart from file content and its sweeper).</summary>
        public string CodeContainer { get; set; } = "actorcloud-functions";

        /// <summary>The number in CloudBase bucket names, <c>{env}-{AppNumber}</c>, which file ids carry.</summary>
        public long AppNumber { get; set; } = Actors.Files.FileIds.DefaultAppNumber;

        /// <summary>How many versions of each file stay restorable; older versions' blobs are swept.</summary>
        public int KeepVersions { get; set; } = 10;

        /// <summary>How often the sweeper looks for blobs no file version references.</summary>
        public TimeSpan SweepEvery { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>How old an unreferenced blob must be before it is swept (an upload between blob and commit is younger).</summary>
        public TimeSpan OrphanGrace { get; set; } = TimeSpan.FromHours(1);
    }

    public sealed class FunctionsSection
    {
        /// <summary>Most processes (so concurrent calls) per function version; more calls wait their turn.</summary>
        public int MaxConcurrency { get; set; } = 10;

        /// <summary>A warm process idle this long is stopped.</summary>
        public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>The <c>node</c> binary functions run on.</summary>
        public string NodePath { get; set; } = "node";

        /// <summary>The <c>uid:gid</c> function processes run as when the host runs as root (default: nobody).</summary>
        public string SandboxUser { get; set; } = "65534:65534";

        /// <summary>The folder with <c>bootstrap.js</c> and the shared modules; unset, the repository's <c>runtime/</c>.</summary>
        public string? RuntimeDirectory { get; set; }
    }

    public sealed class WeChatSection
    {
        public string AppId { get; set; } = "";

        /// <summary>The mini program's secret, with which WeChat's <c>jscode2session</c> turns a <c>wx.login</c> code into an openid.</summary>
        public string AppSecret { get; set; } = "";

        /// <summary>
        /// Development only: take a <c>wx.login</c> code as the openid itself, with no call to WeChat, so a harness can
        /// sign in as any WeChat user. Never on in production: anyone could then be anyone.
        /// </summary>
        public bool DevResolver { get; set; }
    }

    public sealed class LimitsSection
    {
        /// <summary>Largest <c>/admin</c> request body: a 16 MB document must fit, with room for EJSON's overhead.</summary>
        public long MaxBodyBytes { get; set; } = 50L * 1024 * 1024;

        /// <summary>Largest file upload; the upload endpoint streams, so this bounds storage, not memory.</summary>
        public long MaxUploadBytes { get; set; } = 5L * 1024 * 1024 * 1024;
    }

    public sealed class CorsSection
    {
        /// <summary>Browser origins allowed to call the host (e.g. <c>https://app.example.com</c>; <c>*</c>: any).</summary>
        public string[] Origins { get; set; } = [];
    }

    public sealed class ExamplesSection
    {
        /// <summary>A folder of example pages served read-only at <c>/examples/</c> (the repository's <c>examples</c>); none when unset.</summary>
        public string? Directory { get; set; }
    }

    public sealed class TokensSection
    {
        /// <summary>How long an end user's access token lives (CloudBase's <c>expires_in</c> is 7 200 s).</summary>
        public TimeSpan AccessLifetime { get; set; } = TimeSpan.FromHours(2);

        /// <summary>How long an anonymous user's refresh token lives (custom-login tickets name their own).</summary>
        public TimeSpan RefreshLifetime { get; set; } = TimeSpan.FromDays(30);

        /// <summary>Anonymous sign-ins one client address may make per minute (each creates a user).</summary>
        public int AnonymousSignInsPerMinute { get; set; } = 120;
    }

    public sealed class SnapshotsSection
    {
        public int Every { get; set; } = 1000;
    }

    public sealed class CollectionsSection
    {
        /// <summary>Local-development convenience: a write to a missing collection creates it instead of failing.</summary>
        public bool CreateOnFirstWrite { get; set; }

        public TimeSpan PassivateIdleAfter { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>
        /// Megabytes of BSON each collection keeps in memory; past it, its coldest documents move to a spill file under
        /// <c>{Data}/spill</c> (a cache rebuilt from the journal, deleted when the collection stops or the host starts).
        /// </summary>
        public long MemoryBudgetMB { get; set; } = 512;
    }

    public sealed class TransactionsSection
    {
        /// <summary>A transaction with no operation for this long is aborted (and its id answers conflict).</summary>
        public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);
    }

    public sealed class RemotingSection
    {
        public string Host { get; set; } = "127.0.0.1";

        /// <summary>Akka remoting port; 0 (a free port) suits a single node.</summary>
        public int Port { get; set; }
    }

    public sealed class ClusterSection
    {
        /// <summary>Seed node addresses; empty means a cluster of one that joins itself.</summary>
        public string[] SeedNodes { get; set; } = [];

        /// <summary>Seed nodes as one comma-separated string (the <c>--seed-nodes</c> flag, an environment variable).</summary>
        public string? Seeds { get; set; }

        public string[] AllSeedNodes =>
            [.. SeedNodes, .. (Seeds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

        /// <summary>
        /// How long membership must stay unchanged after a node stops answering before the split-brain resolver
        /// downs the minority (keep-majority): the node's collections move only then.
        /// </summary>
        public TimeSpan StableAfter { get; set; } = TimeSpan.FromSeconds(3);

        public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>
        /// How long a stopping node of a cluster stays unready but serving before it leaves (see <c>ShutdownDrain</c>);
        /// a cluster of one does not wait.
        /// </summary>
        public TimeSpan DrainTime { get; set; } = TimeSpan.FromSeconds(3);

        /// <summary>Heartbeats may be this late (a GC pause, a busy machine) before a node is suspected.</summary>
        public TimeSpan AcceptableHeartbeatPause { get; set; } = TimeSpan.FromSeconds(2);
    }

    public sealed class AkkaSection
    {
        /// <summary>
        /// Round-trip every message and reply that crosses a shard region through the serializer, as another node
        /// would receive it: tests turn it on to prove that a single-node run would also work across a cluster.
        /// </summary>
        public bool SerializeMessages { get; set; }
    }
}
