using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Indexes;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Indexes;

/// <summary>The index tree against a plain sorted list fed the same writes, with snapshots taken along the way.</summary>
public sealed class IndexTreeTests
{
    private static readonly IndexSpec Compound = IndexSpec.Create("a_b", [("a", "1"), ("b", "-1")], unique: false);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_writes_keep_the_same_order_as_a_sorted_model_and_snapshots_stay_frozen(int seed)
    {
        var random = new Random(seed);
        var tree = new IndexTree(Compound);
        var comparer = new KeyComparer(Compound);
        var model = new List<IndexEntry>();
        (IndexTree Tree, List<IndexEntry> Model)? frozen = null;
        for (var step = 0; step < 5000; step++)
        {
            var slot = random.Next(2000);
            BsonValue[] key = [random.Next(50), random.Next(3) == 0 ? BsonNull.Value : new BsonString(((char)('a' + random.Next(5))).ToString())];
            var existing = model.FindIndex(e => e.Slot == slot);
            if (existing >= 0)
            {
                tree.Remove([model[existing].Key], slot);
                model.RemoveAt(existing);
            }
            else
            {
                tree.Add([key], slot);
                model.Add(new IndexEntry(key, slot));
            }
            if (step % 700 == 0) frozen = (tree.Snapshot(), Sorted(model, comparer));
        }

        Assert.Equal(Sorted(model, comparer).Select(Describe), tree.Scan(null, null).Select(Describe));
        Assert.Equal(model.Count, tree.Count);
        Assert.Equal(frozen!.Value.Model.Select(Describe), frozen.Value.Tree.Scan(null, null).Select(Describe));

        BsonValue[] lower = [10], upper = [20];
        var expected = Sorted(model, comparer).Where(e => e.Key[0].AsInt32 is > 10 and <= 20).Select(Describe);
        Assert.Equal(expected, tree.Scan(new KeyBound(lower, false), new KeyBound(upper, true)).Select(Describe));
        BsonValue[] exact = [7, "c"];
        Assert.Equal(model.Where(e => KeyComparer.Same(e.Key, exact)).Select(e => e.Slot).Order(), tree.SlotsWithKey(exact));
    }

    [Fact]
    public void A_loaded_tree_equals_one_built_entry_by_entry_and_keeps_working()
    {
        var random = new Random(7);
        var documents = Enumerable.Range(0, 3000)
            .Select(slot => ((IReadOnlyList<BsonValue[]>)[[random.Next(40), new BsonString(((char)('a' + random.Next(4))).ToString())]], slot))
            .ToList();
        var loaded = new IndexTree(Compound);
        loaded.Load(documents);
        var built = new IndexTree(Compound);
        foreach (var (keys, slot) in documents) built.Add(keys, slot);

        Assert.Equal(built.Scan(null, null).Select(Describe), loaded.Scan(null, null).Select(Describe));
        Assert.Equal(3000, loaded.Count);
        foreach (var (keys, slot) in documents.Where(d => d.slot % 3 == 0))
        {
            loaded.Remove(keys, slot);
            built.Remove(keys, slot);
        }
        for (var slot = 3000; slot < 4000; slot++)
        {
            BsonValue[] key = [random.Next(40), "z"];
            loaded.Add([key], slot);
            built.Add([key], slot);
        }
        Assert.Equal(built.Scan(null, null).Select(Describe), loaded.Scan(null, null).Select(Describe));
        BsonValue[] exact = [7, "z"];
        Assert.Equal(built.SlotsWithKey(exact), loaded.SlotsWithKey(exact));
    }

    [Fact]
    public void Descending_fields_scan_from_the_largest()
    {
        var spec = IndexSpec.Create("n", [("n", "-1")], unique: false);
        var tree = new IndexTree(spec);
        for (var i = 0; i < 300; i++)
        {
            var document = new BsonDocument { { "_id", i }, { "n", i % 10 } };
            tree.Add(IndexKeys.Of(spec, document), i);
        }
        Assert.Equal(Enumerable.Range(0, 10).Reverse().SelectMany(n => Enumerable.Repeat(n, 30)),
            tree.Scan(null, null).Select(e => e.Key[0].AsInt32));
    }

    [Fact]
    public void Array_fields_give_one_key_per_distinct_element_and_parallel_arrays_are_refused()
    {
        var tags = IndexSpec.Create("tags", [("tags", "1"), ("n", "1")], unique: false);
        var keys = IndexKeys.Of(tags, BsonDocument.Parse("{_id: 1, tags: ['x', 'y', 'x'], n: 2}"));
        Assert.Equal(["x", "y"], keys.Select(k => k[0].AsString));
        Assert.All(keys, k => Assert.Equal(2, k[1].AsInt32));
        Assert.Equal(BsonNull.Value, IndexKeys.Of(tags, BsonDocument.Parse("{_id: 2}"))[0][0]);
        Assert.Equal([1, 2], IndexKeys.Of(IndexSpec.Create("s", [("a.b", "1")], false),
            BsonDocument.Parse("{_id: 3, a: [{b: 1}, {b: 2}]}")).Select(k => k[0].AsInt32));
        var error = Assert.Throws<DocumentException>(() => IndexKeys.Of(tags, BsonDocument.Parse("{_id: 4, tags: [1, 2], n: [3, 4]}")));
        Assert.Contains("parallel arrays", error.Message);
    }

    [Theory]
    [InlineData("_id_", "a", "1", "reserved")]
    [InlineData("bad name", "a", "1", "index name")]
    [InlineData("i", "a", "up", "direction")]
    [InlineData("i", "$a", "1", "$")]
    [InlineData("i", "a..b", "1", "empty segment")]
    public void Malformed_index_declarations_are_refused(string name, string path, string direction, string mentioned)
    {
        var error = Assert.Throws<DocumentException>(() => IndexSpec.Create(name, [(path, direction)], unique: false));
        Assert.Contains(mentioned, error.Message);
    }

    [Fact]
    public void Index_limits_and_geo_uniqueness_are_checked()
    {
        Assert.Throws<DocumentException>(() => IndexSpec.Create("wide", [.. Enumerable.Range(0, 32).Select(i => ($"f{i}", "1"))], false));
        Assert.Throws<DocumentException>(() => IndexSpec.Create("twice", [("a", "1"), ("a", "-1")], false));
        Assert.Throws<DocumentException>(() => IndexSpec.Create("geo", [("loc", "2dsphere")], unique: true));
        Assert.True(IndexSpec.Create("geo", [("loc", "2dsphere")], unique: false).IsGeo);
    }

    private static List<IndexEntry> Sorted(List<IndexEntry> model, KeyComparer comparer) =>
        [.. model.Order(Comparer<IndexEntry>.Create((x, y) =>
            comparer.Compare(x.Key, y.Key) is var order and not 0 ? order : x.Slot.CompareTo(y.Slot)))];

    private static string Describe(IndexEntry entry) => $"{string.Join(",", entry.Key.Select(k => k.ToString()))}|{entry.Slot}";
}
