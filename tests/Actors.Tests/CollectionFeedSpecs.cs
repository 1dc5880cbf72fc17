using ActorCloud.Actors.Collections;
using ActorCloud.Actors.Tests.Support;
using MongoDB.Bson;
using Xunit.Abstractions;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Actors.Tests;

/// <summary>The live change feed: every durable write, in order, with each document before and after.</summary>
public sealed class CollectionFeedSpecs(ITestOutputHelper output) : CollectionSpecBase(output)
{
    [Fact]
    public async Task A_subscriber_sees_every_write_with_documents_before_and_after()
    {
        var collection = Spawn();
        await InsertAsync(collection, """{"_id":"a","n":1}""");
        using var subscription = Feed.Subscribe(EntityId);
        Assert.True(Views.TryGet(EntityId, out var view));

        await InsertAsync(collection, """{"_id":"b","n":2}""");
        await AskAsync<Updated>(collection, new UpdateDocuments(EntityId, Admin, BsonDocument.Parse("""{"_id":"a"}"""),
            BsonDocument.Parse("""{"$inc":{"n":10}}"""), false, false, false));
        await AskAsync<Removed>(collection, new RemoveDocuments(EntityId, Admin, BsonDocument.Parse("""{"_id":"b"}"""), true, false));

        var batches = new List<CollectionChanges>();
        for (var i = 0; i < 3; i++) batches.Add(await subscription.Reader.ReadAsync());
        Assert.All(batches, b => Assert.True(b.SequenceNr > view.SequenceNr));
        Assert.Equal(batches.Select(b => b.SequenceNr).Order(), batches.Select(b => b.SequenceNr));

        var insert = Assert.Single(batches[0].Changes);
        Assert.Equal((ChangeKind.Insert, "b"), (insert.Kind, insert.Id!.AsString));
        var update = Assert.Single(batches[1].Changes);
        Assert.Equal(1, update.Before!["n"].AsInt32);
        Assert.Equal(11, update.After!["n"].AsInt32);
        var remove = Assert.Single(batches[2].Changes);
        Assert.Equal((ChangeKind.Remove, (BsonDocument?)null), (remove.Kind, remove.After));
    }

    [Fact]
    public async Task A_subscriber_that_falls_behind_is_cut_off_and_the_collection_goes_on()
    {
        var collection = Spawn();
        await InsertAsync(collection, """{"_id":"seed"}""");
        using var slow = Feed.Subscribe(EntityId);
        for (var i = 0; i <= CollectionFeed.Capacity; i++) await InsertAsync(collection, $$"""{"_id":"d{{i}}"}""");

        var drained = 0;
        await Assert.ThrowsAsync<SubscriberTooSlow>(async () =>
        {
            await foreach (var _ in slow.Reader.ReadAllAsync()) drained++;
        });
        Assert.Equal(CollectionFeed.Capacity, drained);
        Assert.Equal(CollectionFeed.Capacity + 2, (await AllAsync(collection)).Count);
    }
}
