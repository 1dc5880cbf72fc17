using ActorCloud.Documents.Sorting;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Sorting;

/// <summary>One sort a line: order document, documents (a JSON array), expected <c>_id</c> order.</summary>
public class SortSpecTests
{
    private static List<BsonDocument> Documents(string json) =>
        [.. BsonDocument.Parse($"{{d: {json}}}")["d"].AsBsonArray.Select(v => v.AsBsonDocument)];

    private static string Ids(IEnumerable<BsonDocument> documents) => string.Join(",", documents.Select(d => d["_id"].ToString()));

    [Theory]
    [InlineData("{a: 1}", "[{_id: 1, a: 3}, {_id: 2, a: 1}, {_id: 3, a: 2}]", "2,3,1")]
    [InlineData("{a: -1}", "[{_id: 1, a: 3}, {_id: 2, a: 1}, {_id: 3, a: 2}]", "1,3,2")]
    [InlineData("{a: {$numberLong: '-1'}}", "[{_id: 1, a: 3}, {_id: 2, a: 1}, {_id: 3, a: 2}]", "1,3,2")]
    [InlineData("{a: -1.0}", "[{_id: 1, a: 3}, {_id: 2, a: 1}, {_id: 3, a: 2}]", "1,3,2")]
    // Mixed types in MongoDB's order; missing equals null; ties keep input order in both directions.
    [InlineData("{a: 1}", "[{_id: 1, a: 'x'}, {_id: 2, a: 5}, {_id: 3}, {_id: 4, a: null}, {_id: 5, a: {k: 1}}, {_id: 6, a: true}, {_id: 7, a: 2.5}]",
        "3,4,7,2,1,5,6")]
    [InlineData("{a: -1}", "[{_id: 1, a: 'x'}, {_id: 2, a: 5}, {_id: 3}, {_id: 4, a: null}, {_id: 5, a: {k: 1}}, {_id: 6, a: true}, {_id: 7, a: 2.5}]",
        "6,5,1,2,7,3,4")]
    [InlineData("{a: 1}", "[{_id: 1, a: 2.0}, {_id: 2, a: {$numberLong: '1'}}, {_id: 3, a: 2}, {_id: 4, a: {$numberDecimal: '1.5'}}]", "2,4,1,3")]
    [InlineData("{a: 1}", "[{_id: 1, a: {$date: {$numberLong: '5'}}}, {_id: 2, a: {$date: {$numberLong: '1'}}}, {_id: 3, a: 'z'}]", "3,2,1")]
    // Arrays: smallest element ascending, largest descending; an empty array sorts below null.
    [InlineData("{a: 1}", "[{_id: 1, a: [5, 1]}, {_id: 2, a: 3}, {_id: 3, a: [2, 4]}]", "1,3,2")]
    [InlineData("{a: -1}", "[{_id: 1, a: [5, 1]}, {_id: 2, a: 3}, {_id: 3, a: [2, 4]}]", "1,3,2")]
    [InlineData("{a: 1}", "[{_id: 1, a: 1}, {_id: 2}, {_id: 3, a: []}]", "3,2,1")]
    [InlineData("{a: -1}", "[{_id: 1, a: []}, {_id: 2}, {_id: 3, a: 1}]", "3,2,1")]
    [InlineData("{a: 1}", "[{_id: 1, a: [[0], 3]}, {_id: 2, a: 2}]", "2,1")]
    // Dot paths, through arrays of sub-documents and by array index.
    [InlineData("{'a.b': 1}", "[{_id: 1, a: {b: 2}}, {_id: 2, a: {b: 1}}, {_id: 3, a: 5}]", "3,2,1")]
    [InlineData("{'a.b': 1}", "[{_id: 1, a: [{b: 5}, {b: 0}]}, {_id: 2, a: [{b: 1}]}]", "1,2")]
    [InlineData("{'a.b': -1}", "[{_id: 1, a: [{b: 5}, {b: 0}]}, {_id: 2, a: [{b: 1}]}]", "1,2")]
    [InlineData("{'a.b': 1}", "[{_id: 1, a: [{b: 5}, {c: 0}]}, {_id: 2, a: [{b: 1}]}]", "1,2")]
    [InlineData("{'a.1': 1}", "[{_id: 1, a: [0, 9]}, {_id: 2, a: [5, 3]}]", "2,1")]
    // Several keys, and stability.
    [InlineData("{a: 1, b: -1}", "[{_id: 1, a: 1, b: 1}, {_id: 2, a: 1, b: 2}, {_id: 3, a: 0, b: 0}]", "3,2,1")]
    [InlineData("{a: 1}", "[{_id: 1, a: 1}, {_id: 2, a: 0}, {_id: 3, a: 1}, {_id: 4, a: 0}]", "2,4,1,3")]
    [InlineData("{}", "[{_id: 2}, {_id: 1}]", "2,1")]
    public void Sorts(string order, string documents, string expectedIds)
    {
        var spec = SortSpec.Parse(BsonDocument.Parse(order));
        var input = Documents(documents);

        Assert.Equal(expectedIds, Ids(SortSpec.SortStable(input, spec)));
        Assert.Equal(expectedIds, Ids(SortSpec.TopN(input, spec, input.Count)));
        Assert.Equal(expectedIds.Split(',')[0], Ids(SortSpec.TopN(input, spec, 1)));
    }

    [Theory]
    [InlineData("{a: 2}")]
    [InlineData("{a: 0}")]
    [InlineData("{a: 'asc'}")]
    [InlineData("{a: true}")]
    [InlineData("{a: {$meta: 'textScore'}}")]
    [InlineData("{'a..b': 1}")]
    [InlineData("{$natural: 1}")]
    public void Refuses_bad_orders(string order)
    {
        var error = Assert.Throws<DocumentException>(() => SortSpec.Parse(BsonDocument.Parse(order)));

        Assert.Equal(ErrorCodes.InvalidParam, error.Code);
    }

    [Fact]
    public void Parse_keeps_key_order_and_directions()
    {
        var spec = SortSpec.Parse(BsonDocument.Parse("{progress: -1, title: 1}"));

        Assert.Equal([new("progress", -1), new("title", 1)], spec.Fields);
        Assert.True(SortSpec.Parse(null).IsEmpty);
    }

    [Fact]
    public void Comparer_agrees_with_the_bulk_sort()
    {
        var spec = SortSpec.Parse(BsonDocument.Parse("{a: 1}"));
        var low = BsonDocument.Parse("{a: [0, 9]}");
        var high = BsonDocument.Parse("{a: 1}");

        Assert.True(spec.Compare(low, high) < 0);
        Assert.True(spec.Compare(high, low) > 0);
        Assert.Equal(0, spec.Compare(BsonDocument.Parse("{a: null}"), new BsonDocument()));
    }

    [Theory]
    [InlineData("{k: 1}", 0)]
    [InlineData("{k: 1}", 1)]
    [InlineData("{k: 1}", 100)]
    [InlineData("{k: -1, v: 1}", 100)]
    [InlineData("{'n.x': 1}", 37)]
    [InlineData("{k: 1}", 5000)]
    [InlineData("{k: 1}", 20000)]
    public void TopN_matches_a_full_stable_sort(string order, int count)
    {
        var random = new Random(42);
        var documents = Enumerable.Range(0, 5000)
            .Select(i => new BsonDocument { { "_id", i }, { "k", random.Next(50) }, { "v", random.NextDouble() }, { "n", new BsonDocument("x", random.Next(10)) } })
            .ToList();
        var spec = SortSpec.Parse(BsonDocument.Parse(order));

        var expected = SortSpec.SortStable(documents, spec).Take(count);

        Assert.Equal(Ids(expected), Ids(SortSpec.TopN(documents, spec, count)));
    }
}
