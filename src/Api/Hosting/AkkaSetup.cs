using ActorCloud.Actors.Collections;
using ActorCloud.Actors.Directory;
using ActorCloud.Actors.Environments;
using ActorCloud.Actors.Files;
using ActorCloud.Actors.Functions;
using ActorCloud.Actors.Serialization;
using ActorCloud.Actors.Transactions;
using ActorCloud.Actors.Users;
using ActorCloud.Documents.Storage;
using ActorCloud.Persistence.Journal;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;

namespace ActorCloud.Api.Hosting;

/// <summary>
/// The actor system: a cluster (of one, joining itself, unless seed nodes are configured), the journal, our
/// serializer with strict serialization, and the shard regions.
/// </summary>
public static class AkkaSetup
{
    public const string SystemName = "actorcloud";

    public static IServiceCollection AddActorCloudAkka(this IServiceCollection services, ActorCloudOptions options)
    {
        var journal = JournalOptionsFrom(options);
        var views = new CollectionViews();
        var feed = new CollectionFeed();
        var seeds = options.Cluster.AllSeedNodes;
        services.AddSingleton(views).AddSingleton(feed);
        return services.AddAkka(SystemName, (akka, provider) =>
        {
            akka.ConfigureLoggers(loggers =>
                {
                    loggers.LogLevel = Akka.Event.LogLevel.WarningLevel;
                    loggers.ClearLoggers();
                    loggers.AddLoggerFactory();
                })
                .WithRemoting(options.Remoting.Host, options.Remoting.Port)
                .WithClustering(new ClusterOptions { SeedNodes = seeds.Length > 0 ? seeds : null })
                .WithActorCloudClusterTuning(options)
                .WithActorCloudJournal(journal)
                .WithActorCloudSerialization()
                .WithDirectoryRegion()
                .WithEnvironmentRegion()
                .WithUserRegion(options.Collections.PassivateIdleAfter)
                .WithCollectionRegion(new CollectionSettings(options.Snapshots.Every) { Storage = StorageBudgetFrom(options) }, views, feed,
                    options.Collections.PassivateIdleAfter)
                .WithFeedRelay(feed)
                .WithTransactionRegion(options.Transactions.IdleTimeout, options.Collections.PassivateIdleAfter)
                .WithFileRegion(new FileSettings(options.Blob.KeepVersions, options.Snapshots.Every), options.Collections.PassivateIdleAfter)
                .WithFunctionRegion(new FunctionSettings(options.Snapshots.Every), provider.GetRequiredService<IFunctionRuntimes>(),
                    options.Collections.PassivateIdleAfter)
                .WithAkkaClusterReadinessCheck(tags: [JournalHosting.ReadyTag])
                .WithActors((system, _) => system.ActorOf(QuarantineWatcher.Props(), "quarantine-watcher"));
            if (seeds.Length == 0)
                akka.AddStartup((system, _) => Cluster.Get(system).Join(Cluster.Get(system).SelfAddress));
        });
    }

    /// <summary>The spill folder is emptied first: files left there by a killed host belong to no running collection.</summary>
    private static StorageBudget StorageBudgetFrom(ActorCloudOptions options)
    {
        var spill = Path.Combine(Path.GetFullPath(options.Data), "spill");
        if (Directory.Exists(spill)) Directory.Delete(spill, recursive: true);
        return new StorageBudget(options.Collections.MemoryBudgetMB * 1024 * 1024, spill);
    }

    private static JournalOptions JournalOptionsFrom(ActorCloudOptions options) =>
        options.Journal.Provider.ToLowerInvariant() switch
        {
            "sqlite" => options.Journal.ConnectionString is { } sqlite
                ? new JournalOptions(JournalProvider.Sqlite, sqlite)
                : JournalOptions.Sqlite(options.Data),
            "postgresql" or "postgres" => new JournalOptions(JournalProvider.PostgreSql,
                options.Journal.ConnectionString
                ?? throw new InvalidOperationException("--journal postgresql needs --journal-connection")),
            var other => throw new InvalidOperationException($"Unknown journal provider '{other}' (use sqlite or postgresql)"),
        };
}
