using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Collections;
using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Storage;
using MongoDB.Bson;
using Xunit;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionEvents;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Actors.Tests;

/// <summary>
/// A collection state whose documents outgrow a tiny memory budget, fed random writes that compact its store now and
/// then, answers every query through its indexes exactly as a plain model of the documents does.
/// </summary>
public sealed class CollectionStorageTests
{
    private static readonly Caller By = Caller.System;
    private static readonly DateTime At = new(2026, 11, 26, 1, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Spilled_and_compacted_state_answers_indexed_queries_like_a_model(int seed)
    {
        var random = new Random(seed);
        using var state = new CollectionState("c", new StorageBudget(3_000, System.IO.Directory.CreateTempSubdirectory("spill-test-").FullName));
        var model = new Dictionary<int, BsonDocument>();
        state.Apply(new CollectionCreated(By, At));
        state.Apply(new IndexCreated(By, At, new IndexDefinition("n_1", [new IndexKeyDefinition("n", "1")], false)));
        state.Apply(new IndexCreated(By, At, new IndexDefinition("k_1", [new IndexKeyDefinition("k", "-1")], true)));
        var nextId = 0;
        for (var round = 0; round < 60; round++)
        {
            var batch = Enumerable.Range(0, random.Next(1, 120)).Select(_ => Document(nextId++, random)).ToList();
            state.Apply(new DocumentsInserted(By, At, [.. batch.Select(BsonBytes.Of)]));
            foreach (var d in batch) model[d["_id"].AsInt32] = d;
            var doomed = model.Keys.Where(_ => random.Next(3) == 0).ToList();
            state.Apply(new DocumentsRemoved(By, At, IdList.Write([.. doomed.Select(id => (BsonValue)id)])));
            foreach (var id in doomed) model.Remove(id);
            if (model.Count > 0)
            {
                var changed = model.Keys.ElementAt(random.Next(model.Count));
                var update = new BsonDocument("$set", new BsonDocument("n", random.Next(20)));
                state.Apply(new DocumentsUpdated(By, At, BsonBytes.Of(update), IdList.Write([changed])));
                model[changed]["n"] = update["$set"]["n"];
            }
            var view = state.View(round);
            foreach (var query in new[] { "{n: 3}", "{n: {$gte: 15}}", "{k: {$in: [5, 17, 40]}}", "{}" })
            {
                var expected = model.Values.Where(d => Matches(d, query)).Select(d => d["_id"].AsInt32).Order().ToList();
                Assert.Equal(expected, Ids(state.Answer(new FindDocuments("e/c", BsonDocument.Parse(query), null, 0, 100_000))));
                Assert.Equal(expected, Ids(view.Answer(new FindDocuments("e/c", BsonDocument.Parse(query), null, 0, 100_000))));
            }
        }
        Assert.True(state.Documents.SpilledCount > 0);
    }

    private static BsonDocument Document(int id, Random random) => new()
    {
        { "_id", id }, { "n", random.Next(20) }, { "k", id * 2 + 1 }, { "pad", new string('p', random.Next(40)) },
    };

    private static bool Matches(BsonDocument d, string query) => query switch
    {
        "{n: 3}" => d["n"].AsInt32 == 3,
        "{n: {$gte: 15}}" => d["n"].AsInt32 >= 15,
        "{k: {$in: [5, 17, 40]}}" => d["k"].AsInt32 is 5 or 17 or 40,
        _ => true,
    };

    private static List<int> Ids(ICollectionReply reply) =>
        [.. Assert.IsType<Found>(reply).Documents.Select(d => d["_id"].AsInt32).Order()];
}
