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
}
