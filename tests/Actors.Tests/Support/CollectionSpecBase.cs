using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Collections;
using Akka.Actor;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using MongoDB.Bson;
using Xunit.Abstractions;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Actors.Tests.Support;

/// <summary>TestKit over a hosted actor system with a fresh SQLite journal; helpers to talk to one collection.</summary>
public abstract class CollectionSpecBase : Akka.TestKit.Xunit2.TestKit
{
    protected const string EntityId = "test-env/books";
    protected static readonly Caller Admin = Caller.Admin("root:test");
    protected static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(20);

    private readonly IHost _host;

    protected CollectionSpecBase(ITestOutputHelper output) : this(NewDatabase(), output) { }

    private CollectionSpecBase(string databasePath, ITestOutputHelper output)
        : this(SqliteActorSystem.Start(databasePath), databasePath, output) { }

    private CollectionSpecBase(IHost host, string databasePath, ITestOutputHelper output)
        : base(host.System(), output: output)
    {
        _host = host;
        DatabasePath = databasePath;
    }

    protected string DatabasePath { get; }

    protected IActorRef Spawn(CollectionSettings? settings = null) =>
        Sys.ActorOf(CollectionActor.Props(EntityId, settings ?? new CollectionSettings(), Views));

    protected CollectionViews Views { get; } = new();

    protected async Task<T> AskAsync<T>(IActorRef collection, ICollectionMessage message) where T : ICollectionReply
    {
        var reply = await collection.Ask<ICollectionReply>(message, AskTimeout);
        return reply is T expected ? expected : throw new Xunit.Sdk.XunitException($"expected {typeof(T).Name}, got {reply}");
    }

    protected async Task StopAsync(IActorRef collection)
    {
        Watch(collection);
        collection.Tell(Sharding.StopEntity.Instance);
        await ExpectTerminatedAsync(collection, AskTimeout);
    }

    protected Task<Inserted> InsertAsync(IActorRef collection, params string[] json) =>
        AskAsync<Inserted>(collection, new InsertDocuments(EntityId, Admin, json.Select(BsonDocument.Parse).ToList(), CreateIfMissing: true));

    protected async Task<IReadOnlyList<BsonDocument>> AllAsync(IActorRef collection) =>
        (await AskAsync<Found>(collection, new FindDocuments(EntityId, new BsonDocument(), null, 0, int.MaxValue))).Documents;

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
