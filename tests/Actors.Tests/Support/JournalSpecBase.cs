using Akka.Actor;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace ActorCloud.Actors.Tests.Support;

/// <summary>TestKit over a hosted actor system with a fresh SQLite journal file, removed after the spec.</summary>
public abstract class JournalSpecBase : Akka.TestKit.Xunit2.TestKit
{
    protected static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(20);

    private readonly IHost _host;

    protected JournalSpecBase(ITestOutputHelper output) : this(NewDatabase(), output) { }

    private JournalSpecBase(string databasePath, ITestOutputHelper output)
        : this(SqliteActorSystem.Start(databasePath), databasePath, output) { }

    private JournalSpecBase(IHost host, string databasePath, ITestOutputHelper output)
        : base(host.System(), output: output)
    {
        _host = host;
        DatabasePath = databasePath;
    }

    protected string DatabasePath { get; }

    /// <summary>Stops an entity the way sharding passivates it, and waits until it is gone.</summary>
    protected async Task StopAsync(IActorRef entity)
    {
        Watch(entity);
        entity.Tell(Sharding.StopEntity.Instance);
        await ExpectTerminatedAsync(entity, AskTimeout);
    }

    protected long ScalarSql(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(DatabasePath + suffix);
    }

    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"actorcloud-spec-{Guid.NewGuid():N}.db");
}
