using ActorCloud.Actors.Collections;
using ActorCloud.Actors.Tests.Support;
using ActorCloud.Documents;
using ActorCloud.Documents.Bson;
using Akka.Actor;
using MongoDB.Bson;
using Xunit.Abstractions;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Actors.Tests;

public sealed class CollectionActorSpecs(ITestOutputHelper output) : CollectionSpecBase(output)
{
    [Fact]
    public async Task Persists_stops_and_recovers_to_the_same_state()
    {
        var collection = Spawn();
        await InsertAsync(collection,
            """{"_id":"a","n":1,"tags":["x"],"when":{"$date":"2024-01-01T00:00:00Z"},"big":{"$numberLong":"5"}}""",
            """{"_id":"b","n":2}""", """{"_id":"c","n":3}""");
        await AskAsync<Updated>(collection, new UpdateDocuments(EntityId, Admin, BsonDocument.Parse("{}"),
            BsonDocument.Parse("""{"$inc":{"n":10},"$push":{"tags":"y"},"$set":{"at":{"$tcb_server_date":{"offset":0}}}}"""),
            Multi: true, Upsert: false, CreateIfMissing: false));
        await AskAsync<Updated>(collection, new UpdateDocuments(EntityId, Admin, BsonDocument.Parse("""{"tags":"y"}"""),
            BsonDocument.Parse("""{"$set":{"tags.$":"positional"}}"""), Multi: true, Upsert: false, CreateIfMissing: false));
        await AskAsync<Removed>(collection, new RemoveDocuments(EntityId, Admin, BsonDocument.Parse("""{"_id":"b"}"""), Multi: false, CreateIfMissing: false));
        await AskAsync<Updated>(collection, new ReplaceDocument(EntityId, Admin, BsonDocument.Parse("""{"_id":"c"}"""),
            BsonDocument.Parse("""{"replaced":true}"""), Upsert: true, CreateIfMissing: false));
        var before = await AllAsync(collection);

        await StopAsync(collection);
        var recovered = await AllAsync(Spawn());

        Assert.Equal(before.Select(Ejson.ToCanonical), recovered.Select(Ejson.ToCanonical));
        Assert.Equal(2, recovered.Count);
        Assert.Equal(BsonType.Int64, recovered[0]["big"].BsonType);
        Assert.Equal(BsonType.DateTime, recovered[0]["at"].BsonType);
        Assert.True(recovered[1]["replaced"].AsBoolean);
        Assert.Equal(new BsonArray { "x", "positional" }, recovered[0]["tags"]);
    }

    [Fact]
    public async Task Recovers_from_a_snapshot_plus_the_events_after_it()
    {
        var collection = Spawn(new CollectionSettings(SnapshotEvery: 10));
        for (var i = 0; i < 25; i++) await InsertAsync(collection, $$"""{"_id":"d{{i}}","i":{{i}}}""");
        await AwaitAssertAsync(() => Assert.True(ScalarSql("SELECT COUNT(*) FROM snapshot") >= 1), TimeSpan.FromSeconds(20));
        for (var i = 25; i < 28; i++) await InsertAsync(collection, $$"""{"_id":"d{{i}}","i":{{i}}}""");
        await StopAsync(collection);

        // Delete the journal rows a snapshot covers: only snapshot + tail can now give back all 28 documents.
        var snapshotSeq = ScalarSql("SELECT MAX(sequence_number) FROM snapshot");
        var deleted = ScalarSql($"DELETE FROM journal WHERE sequence_number <= {snapshotSeq}; SELECT changes();");
        Assert.True(deleted >= 10);
        Assert.True(ScalarSql("SELECT COUNT(*) FROM journal") >= 1, "the tail after the snapshot is replayed from the journal");

        var recovered = await AllAsync(Spawn(new CollectionSettings(SnapshotEvery: 10)));
        Assert.Equal(Enumerable.Range(0, 28).Select(i => $"d{i}"), recovered.Select(d => d["_id"].AsString));
    }

    [Fact]
    public async Task A_multi_document_update_that_fails_on_one_document_changes_none()
    {
        var collection = Spawn();
        await InsertAsync(collection, """{"_id":"1","v":1}""", """{"_id":"2","v":"text"}""", """{"_id":"3","v":3}""");

        var reply = await collection.Ask<ICollectionReply>(new UpdateDocuments(EntityId, Admin, new BsonDocument(),
            BsonDocument.Parse("""{"$inc":{"v":1}}"""), Multi: true, Upsert: false, CreateIfMissing: false), AskTimeout);

        Assert.IsType<Failed>(reply);
        Assert.Equal([1, "text", 3], (await AllAsync(collection)).Select(d => (object)(d["v"].IsString ? d["v"].AsString : d["v"].AsInt32)));
        var events = ScalarSql("SELECT COUNT(*) FROM journal");
        await StopAsync(collection);
        Assert.Equal(events, ScalarSql("SELECT COUNT(*) FROM journal"));
    }

    [Fact]
    public async Task Concurrent_writes_are_all_acknowledged_once_durable_and_recovered()
    {
        var collection = Spawn();
        await AskAsync<Done>(collection, new CreateCollection(EntityId, Admin));
        var inserts = Enumerable.Range(0, 300).Select(i => InsertAsync(collection, $$"""{"_id":"w{{i}}"}""")).ToArray();
        await Task.WhenAll(inserts);

        var events = ScalarSql($"SELECT COUNT(*) FROM journal WHERE persistence_id = '{CollectionActor.PersistenceIdOf(EntityId)}'");
        Assert.Equal(301, events);
        await StopAsync(collection);
        Assert.Equal(300, (await AllAsync(Spawn())).Count);
    }

    [Fact]
    public async Task A_stop_requested_while_writes_are_queued_finishes_them_first()
    {
        var collection = Spawn();
        var inserts = Enumerable.Range(0, 50).Select(i => InsertAsync(collection, $$"""{"_id":"s{{i}}"}""")).ToArray();
        collection.Tell(Sharding.StopEntity.Instance, ActorRefs.NoSender);

        await Task.WhenAll(inserts);
        Assert.Equal(50, (await AllAsync(Spawn())).Count);
    }

    [Fact]
    public async Task Duplicate_ids_inside_one_batch_are_refused_without_changing_anything()
    {
        var collection = Spawn();
        await InsertAsync(collection, """{"_id":"x"}""");

        var reply = await collection.Ask<ICollectionReply>(new InsertDocuments(EntityId, Admin,
            [BsonDocument.Parse("""{"_id":"y"}"""), BsonDocument.Parse("""{"_id":"y"}""")], CreateIfMissing: false), AskTimeout);

        var failed = Assert.IsType<Failed>(reply);
        Assert.Equal(ErrorCodes.DatabaseRequestFailed, failed.Code);
        Assert.Contains("E11000", failed.Message);
        Assert.Single(await AllAsync(collection));
    }

    [Fact]
    public async Task A_missing_collection_refuses_reads_and_writes_unless_asked_to_create_it()
    {
        var collection = Spawn();

        var read = await collection.Ask<ICollectionReply>(new CountDocuments(EntityId, new BsonDocument()), AskTimeout);
        var write = await collection.Ask<ICollectionReply>(new InsertDocuments(EntityId, Admin,
            [new BsonDocument("a", 1)], CreateIfMissing: false), AskTimeout);

        Assert.Equal(ErrorCodes.DatabaseCollectionNotExist, Assert.IsType<Failed>(read).Code);
        Assert.Equal("Db or Table not exist: books", Assert.IsType<Failed>(write).Message);
        await InsertAsync(collection, """{"a":1}""");
        Assert.Equal(1, (await AskAsync<Counted>(collection, new CountDocuments(EntityId, new BsonDocument()))).Total);
    }
}
