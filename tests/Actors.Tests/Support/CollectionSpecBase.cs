using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Collections;
using Akka.Actor;
using MongoDB.Bson;
using Xunit.Abstractions;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Actors.Tests.Support;

/// <summary>Helpers to talk to one collection entity over a fresh SQLite journal.</summary>
public abstract class CollectionSpecBase(ITestOutputHelper output) : JournalSpecBase(output)
{
    protected const string EntityId = "test-env/books";
    protected static readonly Caller Admin = Caller.Admin("root:test");

    protected IActorRef Spawn(CollectionSettings? settings = null) =>
        Sys.ActorOf(CollectionActor.Props(EntityId, settings ?? new CollectionSettings(), Views, Feed));

    protected CollectionViews Views { get; } = new();

    protected CollectionFeed Feed { get; } = new();

    protected async Task<T> AskAsync<T>(IActorRef collection, ICollectionMessage message) where T : ICollectionReply
    {
        var reply = await collection.Ask<ICollectionReply>(message, AskTimeout);
        return reply is T expected ? expected : throw new Xunit.Sdk.XunitException($"expected {typeof(T).Name}, got {reply}");
    }

    protected Task<Inserted> InsertAsync(IActorRef collection, params string[] json) =>
        AskAsync<Inserted>(collection, new InsertDocuments(EntityId, Admin, json.Select(BsonDocument.Parse).ToList(), CreateIfMissing: true));

    protected async Task<IReadOnlyList<BsonDocument>> AllAsync(IActorRef collection) =>
        (await AskAsync<Found>(collection, new FindDocuments(EntityId, new BsonDocument(), null, 0, int.MaxValue))).Documents;
}
