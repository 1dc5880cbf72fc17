using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Collections;
using ActorCloud.Actors.Transactions;
using ActorCloud.Api.Tests.Support;
using ActorCloud.Documents.Transactions;
using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;
using static ActorCloud.Actors.Transactions.TransactionMessages;

namespace ActorCloud.Api.Tests;

/// <summary>
/// The host stops between a transaction's decision and its application: the collection holds the prepared writes,
/// the transaction entity has journaled the decision, and nobody has resolved it. After a restart the collection asks
/// for the decision and the transaction entity finishes what it decided — applied exactly once, or dropped.
/// </summary>
public sealed class TransactionRecoveryTests
{
    private const string Collection = TestHost.Env + "/ledger";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_decided_transaction_is_finished_after_a_restart(bool committed)
    {
        var data = Directory.CreateTempSubdirectory("actorcloud-txn-").FullName;
        var transaction = NewEntityId(TestHost.Env);
        await using (var host = await TestHost.StartAsync(data))
        {
            await host.CallAsync(new { action = "database.addCollection", collectionName = "ledger" });
            await host.CallAsync(new { action = "database.insertDocument", collectionName = "ledger", data = new[] { """{"_id":"a","n":1}""" } });
            var collections = host.Services.GetRequiredService<IRequiredActor<CollectionRegion>>().ActorRef;
            var a = BsonDocument.Parse("""{"_id":"a","n":1}""");
            var writes = new[]
            {
                new TransactionWrite("a", DocumentVersion.Of(a), BsonDocument.Parse("""{"_id":"a","n":2}""")).ToBytes(),
                new TransactionWrite("b", null, BsonDocument.Parse("""{"_id":"b","n":3}""")).ToBytes(),
            };
            var prepared = await collections.Ask<ICollectionReply>(
                new PrepareTransaction(Collection, Caller.Admin("test"), ClientId(transaction), writes, []), TimeSpan.FromSeconds(10));
            Assert.IsType<Done>(prepared);

            // The decision as the transaction entity journals it, and no resolution: where a crash would leave it.
            var system = host.Services.GetRequiredService<ActorSystem>();
            object[] journaled =
            [
                new TransactionStarted(Caller.Admin("test"), DateTime.UtcNow),
                new TransactionDecided(DateTime.UtcNow, committed, [Collection]),
            ];
            var writer = system.ActorOf(Props.Create(() => new JournalWriter($"transaction-{transaction}", journaled)));
            Assert.Equal("written", await writer.Ask<string>("write", TimeSpan.FromSeconds(10)));
        }

        await using (var host = await TestHost.StartAsync(data))
        {
            try
            {
                var expected = committed ? new[] { "a:2", "b:3" } : ["a:1"];
                await Eventually.AssertAsync(async () => Assert.Equal(expected, await ContentsAsync(host)), TimeSpan.FromSeconds(30));
                // Resolving again (a retried resolution) changes nothing.
                var collections = host.Services.GetRequiredService<IRequiredActor<CollectionRegion>>().ActorRef;
                await collections.Ask<ICollectionReply>(new ResolveTransaction(Collection, Caller.Admin("test"), ClientId(transaction), committed), TimeSpan.FromSeconds(10));
                Assert.Equal(expected, await ContentsAsync(host));
                var write = await host.CallAsync(new { action = "database.insertDocument", collectionName = "ledger", data = new[] { """{"_id":"c"}""" } });
                Assert.False(write.TryGetProperty("code", out _), "the collection takes writes again once the transaction is resolved");
            }
            finally
            {
                host.DeleteData();
            }
        }
    }

    private static async Task<string[]> ContentsAsync(TestHost host)
    {
        var reply = await host.CallAsync(new { action = "database.getDocument", collectionName = "ledger", query = "{}", order = """{"_id":1}""" });
        return [.. reply.GetProperty("data").GetProperty("list").EnumerateArray()
            .Select(d => BsonDocument.Parse(d.GetString()!)).Select(d => $"{d["_id"]}:{d["n"]}")];
    }

    /// <summary>Journals the given events under a persistence id, as the entity that owns it would have.</summary>
    private sealed class JournalWriter(string persistenceId, object[] events) : UntypedPersistentActor
    {
        public override string PersistenceId => persistenceId;

        protected override void OnRecover(object message)
        {
        }

        protected override void OnCommand(object message)
        {
            var sender = Sender;
            PersistAll(events, e =>
            {
                if (ReferenceEquals(e, events[^1])) sender.Tell("written");
            });
        }
    }
}
