using ActorCloud.Actors.Serialization;
using ActorCloud.Api.Gateway;
using ActorCloud.Api.Gateway.Admin;
using ActorCloud.Api.Gateway.Database;
using ActorCloud.Api.Functions;
using ActorCloud.Api.History;
using ActorCloud.Api.Identity;
using ActorCloud.Api.Permissions;
using ActorCloud.Api.Storage;
using ActorCloud.Api.Watch;
using ActorCloud.Persistence.Journal;
using ActorCloud.Persistence.Queries;
using Akka.Actor;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Prometheus;

namespace ActorCloud.Api.Hosting;

/// <summary>Builds the ActorCloud host; <c>Program</c> runs it and tests start it in-process on a free port.</summary>
public static class ActorCloudApp
{
    /// <param name="args">Flags and configuration (see <see cref="CommandLineFlags"/>).</param>
    /// <param name="configure">Extra services, e.g. C# cloud functions (<c>services.AddCloudFunction&lt;T&gt;("name")</c>).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configure = null)
    {
        // appsettings.json is read from beside the binaries, not from wherever the process was started, so the
        // same defaults (quiet per-request logging above all) hold for ./run.sh, tests, benchmarks and installs.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, CommandLineFlags.Mappings.ToDictionary());
        builder.Services.Configure<ActorCloudOptions>(builder.Configuration.GetSection(ActorCloudOptions.Section));
        var options = builder.Configuration.GetSection(ActorCloudOptions.Section).Get<ActorCloudOptions>() ?? new ActorCloudOptions();

        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.Limits.MaxBodyBytes + 1);
        builder.Services.AddSingleton<ShutdownDrain>().AddSingleton<PauseDetector>();
        builder.Services.AddHealthChecks()
            .AddCheck<ShutdownDrain>("shutdown-drain", tags: [JournalHosting.ReadyTag])
            .AddCheck<ClusterMajorityCheck>("cluster-majority", tags: [JournalHosting.ReadyTag])
            .AddCheck<PauseDetector>("pause-detector", tags: [JournalHosting.ReadyTag]);
        builder.Services.AddActorCloudStorage(options);
        builder.Services.AddActorCloudFunctions(options);
        configure?.Invoke(builder.Services);
        builder.Services.AddActorCloudAkka(options);
        builder.Services.AddSingleton<SignInLimits>();
        builder.Services.AddBrowserAccess(options);
        builder.Services
            .AddSingleton<AdminKey>()
            .AddSingleton<Credentials>()
            .AddSingleton<EnvironmentDirectory>()
            .AddSingleton<CollectionClient>()
            .AddSingleton<DatabaseActions>()
            .AddSingleton<CollectionAdminActions>()
            .AddSingleton<PermissionAdminActions>()
            .AddSingleton<IdentityAdminActions>()
            .AddSingleton<EnvironmentSecurity>()
            .AddSingleton<AccessTokens>()
            .AddSingleton<SignIn>()
            .AddSingleton<LegacyAuthActions>()
            .AddSingleton<IndexAdminActions>()
            .AddSingleton<TransactionClient>()
            .AddSingleton<TransactionActions>()
            .AddSingleton<IWeChatCodeResolver>(sp => new WeChatCodeResolver(new HttpClient { Timeout = TimeSpan.FromSeconds(5) },
                sp.GetRequiredService<IOptions<ActorCloudOptions>>()))
            .AddSingleton<RuleCache>()
            .AddSingleton<RuleChecks>()
            .AddSingleton<CollectionAccess>()
            .AddSingleton<StorageAccess>()
            .AddSingleton<PastReads>()
            .AddSingleton<RestoreActions>()
            .AddSingleton<ReplayActions>()
            .AddSingleton(sp => new PastCollections(sp.GetRequiredService<ActorSystem>()))
            .AddSingleton<ActionRouter>()
            .AddActorCloudWatch()
            .AddSingleton(sp => new EntityCatalog(sp.GetRequiredService<ActorSystem>()))
            .AddSingleton(sp => new MessageRoundTrip(sp.GetRequiredService<ActorSystem>(), options.Akka.SerializeMessages))
            .AddHostedService<Bootstrapper>();

        var app = builder.Build();
        app.UseCors();
        app.UseExamplePages(options);
        app.MapHealth();
        var drainTime = options.Cluster.AllSeedNodes.Length > 0 ? options.Cluster.DrainTime : TimeSpan.Zero;
        // A node that was downed (its actor system already ended) serves nothing worth draining for.
        app.Lifetime.ApplicationStopping.Register(() => app.Services.GetRequiredService<ShutdownDrain>()
            .Drain(app.Services.GetRequiredService<ActorSystem>().WhenTerminated.IsCompleted ? TimeSpan.Zero : drainTime));
        app.MapAdminGateway();
        app.MapAuth();
        app.MapWebGateway();
        app.MapHistory();
        app.MapStorage();
        app.MapWatch();
        app.MapMetrics();
        return app;
    }

    /// <summary>The address Kestrel actually bound (port 0 resolves to a free port only at start).</summary>
    public static Uri ListeningAddress(this WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static string InitLine(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ActorCloudOptions>>().Value;
        var key = app.Services.GetRequiredService<AdminKey>().Value;
        var serviceUrl = new Uri(app.ListeningAddress(), "/admin");
        return $"tcb.init({{ env: '{options.Env}', serviceUrl: '{serviceUrl}', accessKey: '{key}' }})";
    }
}
