using ActorCloud.Documents.Bson;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Bson;

public sealed class BsonViewTests
{
    private static readonly BsonDocument Everything = new()
    {
        { "_id", ObjectId.Parse("0123456789abcdef01234567") },
        { "double", 1.5 }, { "string", "héllo wörld" }, { "empty", "" },
        { "doc", new BsonDocument { { "inner", new BsonDocument("deep", 7) }, { "list", new BsonArray { 1, "two", new BsonDocument("three", 3) } } } },
        { "array", new BsonArray { 1, 2.5, "x", BsonNull.Value, new BsonArray { true }, new BsonBinaryData([1, 2, 3]) } },
        { "binary", new BsonBinaryData([9, 8, 7]) }, { "undefined", BsonUndefined.Value }, { "bool", true },
        { "date", new BsonDateTime(1_700_000_000_000) }, { "null", BsonNull.Value },
        { "regex", new BsonRegularExpression("^a.*z$", "i") }, { "code", new BsonJavaScript("return 1") },
        { "int", 42 }, { "timestamp", new BsonTimestamp(1234567890123) }, { "long", 9_000_000_000L },
        { "decimal", new BsonDecimal128(Decimal128.Parse("12345.6789")) }, { "min", BsonMinKey.Value }, { "max", BsonMaxKey.Value },
        { "名前", "unicode name" }, { "after", "last" },
    };

    [Fact]
    public void Every_field_reads_as_the_document_read_whole()
    {
        var view = new BsonView(BsonBytes.Of(Everything));
        foreach (var element in Everything)
        {
            Assert.True(view.TryGetValue(element.Name, out var value), element.Name);
            Assert.Equal(element.Value, value);
            Assert.True(BsonValueComparer.Instance.Equals(element.Value, value), element.Name);
            Assert.True(view.Contains(element.Name));
            Assert.Equal(element.Value, view[element.Name]);
        }
        Assert.Equal(7, view["doc"]["inner"]["deep"].AsInt32);
        Assert.IsType<BsonView>(view["doc"]);
        Assert.Equal(Everything.Names, view.Names);
    }

    [Fact]
    public void Missing_fields_and_near_names_are_not_found()
    {
        var view = new BsonView(BsonBytes.Of(Everything));
        foreach (var name in new[] { "missing", "in", "integer", "名", "名前x", "Int", "" })
        {
            Assert.False(view.TryGetValue(name, out _), name);
            Assert.False(view.Contains(name), name);
            Assert.Equal(BsonNull.Value, view.GetValue(name, BsonNull.Value));
        }
        Assert.Throws<KeyNotFoundException>(() => view.GetValue("missing"));
    }

    [Fact]
    public void A_view_cannot_be_changed()
    {
        var view = new BsonView(BsonBytes.Of(new BsonDocument("a", 1)));
        Assert.Throws<NotSupportedException>(() => view["a"] = 2);
    }
}
