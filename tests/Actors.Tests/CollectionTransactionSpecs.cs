using ActorCloud.Actors.Collections;
using ActorCloud.Actors.Tests.Support;
using ActorCloud.Documents;
using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Transactions;
using Akka.Actor;
using MongoDB.Bson;
using Xunit.Abstractions;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Actors.Tests;

/// <summary>
/// A collection's side of a transaction's two-phase commit: prepare checks and holds, writes that could touch the held
/// documents wait while the others go ahead, resolution applies or drops the held writes exactly once, and a held
/// transaction survives a restart.
/// </summary>
public sealed class CollectionTransactionSpecs(ITestOutputHelper output) : CollectionSpecBase(output)
{
    private static byte[] Write(string id, BsonDocument? seen, string? after) =>
        new TransactionWrite(id, DocumentVersion.Of(seen), after is null ? null : BsonDocument.Parse(after)).ToBytes();

    private async Task<BsonDocument> DocAsync(IActorRef collection, string id) =>
        (await AllAsync(collection)).Single(d => d["_id"] == id);

    [Fact]
    public async Task Commit_applies_the_held_writes_once_and_writes_that_waited_go_on_after_it()
    {
        var collection = Spawn();
        await InsertAsync(collection, """{"_id":"a","n":1}""", """{"_id":"b","n":2}""");
        var a = await DocAsync(collection, "a");
        var b = await DocAsync(collection, "b");

        await AskAsync<Done>(collection, new PrepareTransaction(EntityId, Admin, "t1",
            [Write("a", a, """{"_id":"a","n":10}"""), Write("b", b, null), Write("c", null, """{"_id":"c","n":3}""")], []));
        var waiting = collection.Ask<ICollectionReply>(new UpdateDocuments(EntityId, Admin, BsonDocument.Parse("""{"_id":"a"}"""),
            BsonDocument.Parse("""{"$inc":{"n":1}}"""), Multi: false, Upsert: false, CreateIfMissing: false), AskTimeout);
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted, "a write waits while a transaction is held");
        Assert.Equal(["a", "b"], (await AllAsync(collection)).Select(d => d["_id"].AsString));

        await AskAsync<Done>(collection, new ResolveTransaction(EntityId, Admin, "t1", Commit: true));
        Assert.Equal(1, Assert.IsType<Updated>(await waiting).Count);
        await AskAsync<Done>(collection, new ResolveTransaction(EntityId, Admin, "t1", Commit: true));

        var after = await AllAsync(collection);
        Assert.Equal(["a", "c"], after.Select(d => d["_id"].AsString));
        Assert.Equal(11, after[0]["n"].AsInt32);
        Assert.Equal(3, after[1]["n"].AsInt32);
        await StopAsync(collection);
        Assert.Equal(after.Select(Ejson.ToCanonical), (await AllAsync(Spawn())).Select(Ejson.ToCanonical));
    }

    [Fact]
    public async Task A_changed_document_or_query_result_is_a_conflict_and_nothing_is_held()
    {
        var collection = Spawn();
        await InsertAsync(collection, """{"_id":"a","n":1}""");
        var stale = BsonDocument.Parse("""{"_id":"a","n":0}""");

        var changed = await AskAsync<Failed>(collection, new PrepareTransaction(EntityId, Admin, "t1", [Write("a", stale, """{"_id":"a","n":5}""")], []));
        Assert.Equal(ErrorCodes.DatabaseTransactionConflict, changed.Code);
        var exists = await AskAsync<Failed>(collection, new PrepareTransaction(EntityId, Admin, "t2", [Write("a", null, """{"_id":"a"}""")], []));
        Assert.Equal(ErrorCodes.DatabaseTransactionConflict, exists.Code);
        var phantom = new QueryCheck(BsonDocument.Parse("{n: {$gte: 0}}"), new Dictionary<BsonValue, string>(BsonValueComparer.Instance)).ToBytes();
        var query = await AskAsync<Failed>(collection, new PrepareTransaction(EntityId, Admin, "t3", [], [phantom]));
        Assert.Equal(ErrorCodes.DatabaseTransactionConflict, query.Code);

        await AskAsync<Inserted>(collection, new InsertDocuments(EntityId, Admin, [BsonDocument.Parse("""{"_id":"b"}""")], false));
        Assert.Equal(2, (await AllAsync(collection)).Count);
    }

    [Fact]
    public async Task Abort_drops_the_held_writes_and_a_held_transaction_survives_a_restart()
    {
        var collection = Spawn();
        await InsertAsync(collection, """{"_id":"a","n":1}""");
        var a = await DocAsync(collection, "a");
        await AskAsync<Done>(collection, new PrepareTransaction(EntityId, Admin, "t1", [Write("a", a, """{"_id":"a","n":2}""")], []));
        await StopAsync(collection);

        var recovered = Spawn();
        var waiting = recovered.Ask<ICollectionReply>(Increment("""{"_id":"a"}"""), AskTimeout);
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted, "the recovered collection still holds the transaction");
        await AskAsync<Done>(recovered, new ResolveTransaction(EntityId, Admin, "t1", Commit: false));
        Assert.Equal(1, Assert.IsType<Updated>(await waiting).Count);
        Assert.Equal(2, Assert.Single(await AllAsync(recovered))["n"].AsInt32);
    }

    [Fact]
    public async Task A_prepare_that_would_break_a_unique_index_is_refused()
    {
        var collection = Spawn();
        await InsertAsync(collection, """{"_id":"a","email":"x"}""");
        await AskAsync<Done>(collection, new CreateIndexes(EntityId, Admin,
            [new IndexDefinition("email", [new IndexKeyDefinition("email", "1")], Unique: true)]));
        var refused = await AskAsync<Failed>(collection, new PrepareTransaction(EntityId, Admin, "t1", [Write("b", null, """{"_id":"b","email":"x"}""")], []));
        Assert.Contains("duplicate key", refused.Message);
    }

    [Fact]
    public async Task Writes_that_cannot_touch_the_held_documents_go_ahead_of_the_resolution()
    {
        var collection = Spawn();
        await InsertAsync(collection, """{"_id":"a","n":1,"email":"a@x"}""", """{"_id":"b","n":2,"email":"b@x"}""", """{"_id":"z","n":100,"email":"z@x"}""");
        await AskAsync<Done>(collection, new CreateIndexes(EntityId, Admin,
            [new IndexDefinition("email", [new IndexKeyDefinition("email", "1")], Unique: true)]));
        var a = await DocAsync(collection, "a");
        await AskAsync<Done>(collection, new PrepareTransaction(EntityId, Admin, "t1",
            [Write("a", a, """{"_id":"a","n":50,"email":"new@x"}"""), Write("c", null, """{"_id":"c","n":3,"email":"c@x"}""")], []));

        Assert.IsType<Inserted>(await collection.Ask<ICollectionReply>(
            new InsertDocuments(EntityId, Admin, [BsonDocument.Parse("""{"_id":"d","email":"d@x"}""")], false), AskTimeout));
        Assert.Equal(1, Assert.IsType<Updated>(await collection.Ask<ICollectionReply>(Increment("""{"_id":"b"}"""), AskTimeout)).Count);
        Assert.Equal(1, Assert.IsType<Updated>(await collection.Ask<ICollectionReply>(Increment("""{"n":{"$gte":100}}"""), AskTimeout)).Count);

        var waiting = new[]
        {
            ("the held document by id", collection.Ask<ICollectionReply>(Increment("""{"_id":"a"}"""), AskTimeout)),
            ("a filter matching the held document before", collection.Ask<ICollectionReply>(Increment("""{"n":1}"""), AskTimeout)),
            ("a filter matching it after", collection.Ask<ICollectionReply>(Increment("""{"n":{"$gte":40,"$lt":60}}"""), AskTimeout)),
            ("an id the transaction inserts", collection.Ask<ICollectionReply>(
                new InsertDocuments(EntityId, Admin, [BsonDocument.Parse("""{"_id":"c","email":"other@x"}""")], false), AskTimeout)),
            ("a unique key the transaction takes", collection.Ask<ICollectionReply>(
                new InsertDocuments(EntityId, Admin, [BsonDocument.Parse("""{"_id":"e","email":"new@x"}""")], false), AskTimeout)),
        };
        await Task.Delay(300);
        foreach (var (what, reply) in waiting) Assert.False(reply.IsCompleted, $"{what} waits");

        await AskAsync<Done>(collection, new ResolveTransaction(EntityId, Admin, "t1", Commit: true));
        Assert.Equal(1, Assert.IsType<Updated>(await waiting[0].Item2).Count);
        Assert.Equal(0, Assert.IsType<Updated>(await waiting[1].Item2).Count);
        Assert.Equal(1, Assert.IsType<Updated>(await waiting[2].Item2).Count);
        Assert.Contains("duplicate key", Assert.IsType<Failed>(await waiting[3].Item2).Message);
        Assert.Contains("duplicate key", Assert.IsType<Failed>(await waiting[4].Item2).Message);
        var all = await AllAsync(collection);
        Assert.Equal(["a", "b", "z", "d", "c"], all.Select(d => d["_id"].AsString));
        Assert.Equal([52, 3, 101, 3], all.Where(d => d.Contains("n")).Select(d => d["n"].AsInt32));
    }

    [Fact]
    public async Task Transactions_on_other_documents_are_held_together_and_one_touching_a_held_document_waits()
    {
        var collection = Spawn();
        await InsertAsync(collection, """{"_id":"a","n":1}""", """{"_id":"b","n":2}""", """{"_id":"c","n":3}""");
        var (a, b, c) = (await DocAsync(collection, "a"), await DocAsync(collection, "b"), await DocAsync(collection, "c"));
        await AskAsync<Done>(collection, new PrepareTransaction(EntityId, Admin, "t1", [Write("a", a, """{"_id":"a","n":10}""")], []));
        await AskAsync<Done>(collection, new PrepareTransaction(EntityId, Admin, "t2", [Write("b", b, """{"_id":"b","n":20}""")], []));
        await StopAsync(collection);

        var recovered = Spawn();
        var sameDocument = recovered.Ask<ICollectionReply>(
            new PrepareTransaction(EntityId, Admin, "t3", [Write("a", a, """{"_id":"a","n":30}""")], []), AskTimeout);
        var readsHeld = new QueryCheck(BsonDocument.Parse("{n: {$gte: 10}}"), new Dictionary<BsonValue, string>(BsonValueComparer.Instance)).ToBytes();
        var queryOverHeld = recovered.Ask<ICollectionReply>(
            new PrepareTransaction(EntityId, Admin, "t4", [Write("c", c, """{"_id":"c","n":40}""")], [readsHeld]), AskTimeout);
        await Task.Delay(300);
        Assert.False(sameDocument.IsCompleted, "a prepare writing a held document waits");
        Assert.False(queryOverHeld.IsCompleted, "a prepare whose query would see a held document change waits");

        await AskAsync<Done>(recovered, new ResolveTransaction(EntityId, Admin, "t2", Commit: true));
        Assert.Equal([1, 20, 3], (await AllAsync(recovered)).Select(d => d["n"].AsInt32));
        await Task.Delay(200);
        Assert.False(sameDocument.IsCompleted, "still held by t1");
        await AskAsync<Done>(recovered, new ResolveTransaction(EntityId, Admin, "t1", Commit: true));
        Assert.Equal(ErrorCodes.DatabaseTransactionConflict, Assert.IsType<Failed>(await sameDocument).Code);
        Assert.Equal(ErrorCodes.DatabaseTransactionConflict, Assert.IsType<Failed>(await queryOverHeld).Code);
        Assert.Equal([10, 20, 3], (await AllAsync(recovered)).Select(d => d["n"].AsInt32));
    }

    private UpdateDocuments Increment(string query) =>
        new(EntityId, Admin, BsonDocument.Parse(query), BsonDocument.Parse("""{"$inc":{"n":1}}"""), Multi: false, Upsert: false, CreateIfMissing: false);
}
