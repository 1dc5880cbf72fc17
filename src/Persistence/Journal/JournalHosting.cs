using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Hosting;
using LinqToDB;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorCloud.Persistence.Journal;

public static class JournalHosting
{
    /// <summary>Tag of the health checks that decide readiness (<c>/readyz</c>).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Akka.Persistence.Sql as the default journal and snapshot store (separate SQLite files by default), tag-table
    /// mode (indexed tag queries for the change feed). SQLite files get their schema from the plugin on start; on
    /// PostgreSQL every node runs <see cref="PostgreSqlSchema"/> first, which is idempotent and serialized by an advisory
    /// lock, so several nodes starting at once on an empty database do not race.
    /// </summary>
    public static AkkaConfigurationBuilder WithActorCloudJournal(this AkkaConfigurationBuilder builder, JournalOptions options)
    {
        var sqlite = options.Provider == JournalProvider.Sqlite;
        var provider = sqlite ? ProviderName.SQLiteMS : ProviderName.PostgreSQL15;
        if (sqlite)
        {
            SqliteJournalFile.Prepare(options.ConnectionString);
            SqliteJournalFile.Prepare(options.SnapshotStore);
        }
        else
        {
            PostgreSqlSchema.CreateAsync(options.ConnectionString).GetAwaiter().GetResult();
            if (options.SnapshotStore != options.ConnectionString) PostgreSqlSchema.CreateAsync(options.SnapshotStore).GetAwaiter().GetResult();
        }
        var journal = new Akka.Persistence.Sql.Hosting.SqlJournalOptions(isDefaultPlugin: true)
        {
            ConnectionString = options.ConnectionString,
            ProviderName = provider,
            AutoInitialize = sqlite,
            TagStorageMode = TagMode.TagTable,
        };
        var snapshots = new Akka.Persistence.Sql.Hosting.SqlSnapshotOptions(isDefaultPlugin: true)
        {
            ConnectionString = options.SnapshotStore,
            ProviderName = provider,
            AutoInitialize = sqlite,
        };
        if (sqlite)
        {
            // SQLite has one writer per file, and Microsoft.Data.Sqlite answers SQLITE_BUSY with a fixed 150 ms sleep
            // before retrying: those sleeps were the p99 of durable writes and most of a transaction commit's latency.
            // So: one batch writer (the plugin's default is three; one still batches every entity's writes into each
            // of its transactions), and reads in deferred transactions — with the default isolation level they begin
            // IMMEDIATE, taking the write lock for a read. In WAL mode a deferred read never waits for the writer.
            builder.AddHocon(
                """
                akka.persistence.journal.sql.parallelism = 1
                akka.persistence.journal.sql.read-isolation-level = read-uncommitted
                akka.persistence.query.journal.sql.read-isolation-level = read-uncommitted
                akka.persistence.snapshot-store.sql.read-isolation-level = read-uncommitted
                """,
                HoconAddMode.Prepend);
        }
        return builder
            .WithSqlPersistence(
                journal,
                snapshots,
                journalBuilder: j => j.WithHealthCheck(HealthStatus.Unhealthy, tags: [ReadyTag]),
                snapshotBuilder: s => s.WithHealthCheck(HealthStatus.Unhealthy, tags: [ReadyTag]))
            .AddHocon(
                """
                akka.persistence.query.journal.sql {
                  refresh-interval = 100ms
                  journal-sequence-retrieval.query-delay = 100ms
                }
                # The SQL journal records its own id, one per node, as every event's writer, so an entity whose shard
                # moved from node A to B and back has writers A, B, A; Akka's replay filter took A's later events for a
                # stale concurrent writer's and dropped them from replays spanning the moves: acknowledged writes lost
                # on recovery. Sharding keeps one writer per entity and the (persistence id, sequence number) unique
                # index refuses a second one's events, so the filter has nothing to repair here.
                akka.persistence.journal.sql.replay-filter.mode = off
                # After ten failed calls the journal stops calling the database for reset-timeout (Akka: 30 s), failing
                # every write and recovery fast. A database back after a seconds-long restart then stayed unused for half
                # a minute more; one trial call every 2 s costs little while it is down.
                akka.persistence.journal.sql.circuit-breaker.reset-timeout = 2s
                # The snapshot store's breaker never opens. Half-open, Akka's breaker throws at the caller instead of
                # failing the task, and the snapshot store's LoadSnapshot does not catch it: the store restarts, the
                # load is never answered and the recovering entity waits out recovery-event-timeout (30 s) holding its
                # requests (found by the PostgreSQL-restart cluster test under load). A snapshot call to a database that
                # is down fails at once on its own; call-timeout still bounds one that hangs.
                akka.persistence.snapshot-store.sql.circuit-breaker.max-failures = 1000000000
                """,
                HoconAddMode.Prepend);
    }
}
