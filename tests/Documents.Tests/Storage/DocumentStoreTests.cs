using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Storage;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Storage;

public sealed class DocumentStoreTests
{
    private static BsonDocument Doc(int id, string v = "a") => new() { { "_id", id }, { "v", v } };

    [Fact]
    public void Keeps_natural_order_through_replacements_removals_and_compaction()
    {
        var store = new DocumentStore();
        for (var i = 0; i < 3000; i++) store.Put(Doc(i));
        for (var i = 0; i < 3000; i += 2) store.Remove(i);
        store.Put(Doc(1, "replaced"));
        store.Put(Doc(5000));

        var ids = store.All().Select(d => d["_id"].AsInt32).ToList();

        Assert.Equal(Enumerable.Range(0, 3000).Where(i => i % 2 == 1).Append(5000), ids);
        Assert.Equal("replaced", store.Find(1)!["v"].AsString);
        Assert.Null(store.Find(2));
        Assert.Equal(1501, store.Count);
    }

    [Fact]
    public void A_snapshot_does_not_see_later_writes_and_the_store_sees_all_of_them()
    {
        var store = new DocumentStore();
        for (var i = 0; i < 600; i++) store.Put(Doc(i));
        var before = store.Snapshot();

        store.Put(Doc(0, "changed"));
        store.Remove(300);
        store.Put(Doc(700));
        for (var i = 1; i < 600; i += 3) store.Remove(i);
        var after = store.Snapshot();
        store.Put(Doc(0, "again"));

        Assert.Equal(600, before.All().Count());
        Assert.Equal("a", before.Find(0)!["v"].AsString);
        Assert.NotNull(before.Find(300));
        Assert.Null(before.Find(700));
        Assert.Equal("changed", after.Find(0)!["v"].AsString);
        Assert.Equal(after.Count, after.All().Count());
        Assert.Equal("again", store.Find(0)!["v"].AsString);
        Assert.Equal(store.Count, store.All().Count());
    }

    [Fact]
    public void Past_its_budget_the_store_spills_the_oldest_documents_and_still_reads_them_all()
    {
        var directory = Directory.CreateTempSubdirectory("spill-test-").FullName;
        var store = new DocumentStore(new StorageBudget(20_000, directory));
        for (var i = 0; i < 3000; i++) store.Put(Doc(i, new string('x', i % 50)));
        var frozen = store.Snapshot();

        Assert.True(store.SpilledCount > 2000, $"{store.SpilledCount} spilled");
        Assert.True(store.ResidentBytes <= 20_000, $"{store.ResidentBytes} resident");
        Assert.Single(Directory.GetFiles(directory));
        Assert.Equal(Enumerable.Range(0, 3000), store.All().Select(d => d["_id"].AsInt32));
        Assert.Equal(new string('x', 7), store.Find(7)!["v"].AsString);

        store.Put(Doc(7, "changed"));
        store.Remove(8);
        for (var i = 3000; i < 4000; i++) store.Put(Doc(i));

        Assert.Equal("changed", store.Find(7)!["v"].AsString);
        Assert.Null(store.Find(8));
        Assert.Equal(3999, store.Count);
        Assert.Equal(new string('x', 7), frozen.Find(7)!["v"].AsString);
        Assert.Equal(Enumerable.Range(0, 3000), frozen.All().Select(d => d["_id"].AsInt32));
        Assert.Equal(9, BsonBytes.IdOf(frozen.BytesAt(9)!).AsInt32);

        store.Dispose();
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public void Compaction_closes_holes_keeps_natural_order_and_spilled_documents()
    {
        var store = new DocumentStore(new StorageBudget(10_000, Directory.CreateTempSubdirectory("spill-test-").FullName));
        for (var i = 0; i < 3000; i++) store.Put(Doc(i));
        for (var i = 0; i < 3000; i++)
        {
            if (i % 3 != 0) store.Remove(i);
        }
        Assert.True(store.NeedsCompaction);
        var before = store.Snapshot();

        store.Compact();

        Assert.False(store.NeedsCompaction);
        var kept = Enumerable.Range(0, 3000).Where(i => i % 3 == 0).ToList();
        Assert.Equal(kept, store.All().Select(d => d["_id"].AsInt32));
        Assert.Equal(kept, store.Slots().Select(s => s.Document["_id"].AsInt32));
        Assert.Equal(Enumerable.Range(0, kept.Count), store.Slots().Select(s => s.Slot));
        Assert.All(kept, id => Assert.Equal(id, BsonBytes.IdOf(store.BytesAt(store.SlotOf(id))!).AsInt32));
        Assert.Equal(kept, before.All().Select(d => d["_id"].AsInt32));
        store.Dispose();
    }

    [Fact]
    public void Documents_handed_out_are_copies_the_caller_may_change()
    {
        var store = new DocumentStore();
        store.Put(Doc(1));
        store.Find(1)!["v"] = "scribbled";
        store.All().First()["v"] = "scribbled";
        Assert.Equal("a", store.Find(1)!["v"].AsString);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_puts_and_removes_find_the_same_documents_as_a_dictionary(int seed)
    {
        var random = new Random(seed);
        var store = new DocumentStore(new StorageBudget(seed == 3 ? 4_000 : long.MaxValue, Directory.CreateTempSubdirectory("spill-test-").FullName));
        var model = new Dictionary<string, int>();
        BsonValue IdOf(int n) => (n % 4) switch
        {
            0 => new BsonInt32(n),
            1 => new BsonString($"s{n}"),
            2 => new BsonObjectId(ObjectId.Parse(n.ToString("x24"))),
            _ => new BsonDocument { { "k", n } },
        };
        for (var step = 0; step < 20_000; step++)
        {
            var n = random.Next(3000);
            var id = IdOf(n);
            if (random.Next(3) == 0)
            {
                Assert.Equal(model.Remove(n.ToString()), store.Remove(id));
            }
            else
            {
                store.Put(new BsonDocument { { "_id", id }, { "v", step } });
                model[n.ToString()] = step;
            }
            if (store.NeedsCompaction) store.Compact();
        }
        Assert.Equal(model.Count, store.Count);
        for (var n = 0; n < 3000; n++)
        {
            var found = store.Find(IdOf(n));
            if (model.TryGetValue(n.ToString(), out var v)) Assert.Equal(v, found!["v"].AsInt32);
            else Assert.Null(found);
        }
        Assert.Equal(model.ContainsKey("4"), store.Find(new BsonDouble(4.0)) is not null);
        store.Dispose();
    }

    [Fact]
    public void Rewriting_spilled_documents_keeps_the_spill_file_within_twice_its_live_content()
    {
        var directory = Directory.CreateTempSubdirectory("spill-test-").FullName;
        var store = new DocumentStore(new StorageBudget(50_000, directory));
        for (var i = 0; i < 4000; i++) store.Put(Doc(i, new string('a', 200)));
        var frozen = store.Snapshot();
        for (var round = 1; round <= 6; round++)
        {
            for (var i = 0; i < 4000; i++) store.Put(Doc(i, new string((char)('a' + round), 200)));
            Assert.True(store.SpillFileBytes - store.SpilledBytes <= Math.Max(store.SpilledBytes, 1 << 20),
                $"round {round}: file {store.SpillFileBytes} bytes for {store.SpilledBytes} live");
        }

        Assert.All(store.All(), d => Assert.Equal(new string('g', 200), d["v"].AsString));
        Assert.Equal(4000, store.Count);
        Assert.All(frozen.All(), d => Assert.Equal(new string('a', 200), d["v"].AsString));
        store.Dispose();
    }
}
