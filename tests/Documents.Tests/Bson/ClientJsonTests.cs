using System.Text;
using System.Text.Json;
using ActorCloud.Documents.Bson;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Bson;

/// <summary>The web SDK's document encoding (cloudbase-web-protocol.md §4) in and out, with the captured shapes.</summary>
public sealed class ClientJsonTests
{
    private static BsonDocument Read(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        return ClientJson.ReadDocument(document.RootElement, "data");
    }

    private static string Write(BsonValue value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) ClientJson.Write(writer, value);
        return Encoding.UTF8.GetString(stream.ToArray()).Replace(" ", "");
    }

    [Fact]
    public void The_captured_add_with_every_type_reads_into_bson_types()
    {
        var document = Read("""
            {"title":"a","n":1,"f":1.5,"due":{"$date":1704067200000},"created":{"$date":{"offset":1000}},
             "loc":{"type":"Point","coordinates":[113.3,23.1]},"re":{"$regex":"ab","$options":"i"},"nested":{"a":{"b":1}}}
            """);
        Assert.Equal(new BsonInt32(1), document["n"]);
        Assert.Equal(new BsonDouble(1.5), document["f"]);
        Assert.Equal(new BsonDateTime(1704067200000), document["due"]);
        Assert.Equal(new BsonDocument(ServerDate.Marker, new BsonDocument("offset", 1000.0)), document["created"]);
        Assert.Equal(BsonDocument.Parse("{type: 'Point', coordinates: [113.3, 23.1]}"), document["loc"]);
        Assert.Equal(new BsonRegularExpression("ab", "i"), document["re"]);
        Assert.Equal(BsonDocument.Parse("{a: {b: 1}}"), document["nested"]);
    }

    [Theory]
    [InlineData("2147483647", BsonType.Int32)]
    [InlineData("2147483648", BsonType.Int64)]
    [InlineData("-9007199254740991", BsonType.Int64)]
    [InlineData("1e3", BsonType.Double)]
    [InlineData("0.1", BsonType.Double)]
    [InlineData("1e400", BsonType.Double)]
    [InlineData("\"x\"", BsonType.String)]
    [InlineData("true", BsonType.Boolean)]
    [InlineData("null", BsonType.Null)]
    [InlineData("[]", BsonType.Array)]
    [InlineData("""{"$date":"2024-01-01T00:00:00.000Z"}""", BsonType.DateTime)]
    [InlineData("""{"$regex":"^a"}""", BsonType.RegularExpression)]
    [InlineData("""{"$date":1,"x":2}""", BsonType.Document)]
    [InlineData("""{"$regex":"a","$options":"i","x":1}""", BsonType.Document)]
    [InlineData("""{"$regex":1}""", BsonType.Document)]
    public void Values_read_as_the_type_javascript_meant(string json, BsonType expected) =>
        Assert.Equal(expected, Read($$"""{"v":{{json}}}""")["v"].BsonType);

    [Fact]
    public void A_query_with_operators_hoisting_and_regex_keeps_its_shape()
    {
        var query = Read("""
            {"title":{"$regex":"^ab","$options":"i"},"x.y":1,"s.t":{"$in":[1,2]},"$and":[{"n":{"$gt":1}},{"n":{"$lt":9}}]}
            """);
        Assert.Equal(new BsonRegularExpression("^ab", "i"), query["title"]);
        Assert.Equal(BsonDocument.Parse("{$in: [1, 2]}"), query["s.t"]);
        Assert.Equal(2, query["$and"].AsBsonArray.Count);
    }

    [Fact]
    public void Repeated_names_keep_the_last_value_as_JSON_parse_does() =>
        Assert.Equal(new BsonInt32(2), Read("""{"a":1,"a":2}""")["a"]);

    [Theory]
    [InlineData("""{"$date":"yesterday"}""", "$date")]
    [InlineData("""{"$date":true}""", "$date")]
    [InlineData("""{"$date":1e300}""", "$date")]
    [InlineData("""{"$date":{"offset":"soon"}}""", "offset")]
    [InlineData("""{"$date":{"offset":1,"x":2}}""", "$date")]
    [InlineData("""{"$regex":"a","$options":"gq"}""", "options")]
    public void Malformed_wrappers_are_refused_with_a_clear_message(string json, string mentioned)
    {
        var error = Assert.Throws<DocumentException>(() => Read($$"""{"v":{{json}}}"""));
        Assert.Equal(ErrorCodes.InvalidParam, error.Code);
        Assert.Contains(mentioned, error.Message);
    }

    [Fact]
    public void Nesting_past_the_engine_limit_is_refused()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", Ejson.MaxDepth + 2)) + "1" + new string('}', Ejson.MaxDepth + 2);
        Assert.Equal(ErrorCodes.InvalidParam, Assert.Throws<DocumentException>(() => Read(deep)).Code);
    }

    [Fact]
    public void A_non_object_document_is_refused()
    {
        using var array = JsonDocument.Parse("[1]");
        Assert.Throws<DocumentException>(() => ClientJson.ReadDocument(array.RootElement, "query"));
    }

    [Fact]
    public void Documents_are_written_back_in_the_shape_the_sdk_decodes()
    {
        var document = new BsonDocument
        {
            { "_id", "abc" }, { "n", 1 }, { "big", 1L << 40 }, { "f", 1.5 }, { "when", new BsonDateTime(1704067200000) },
            { "re", new BsonRegularExpression("ab", "i") }, { "list", new BsonArray { 1, "x", BsonNull.Value, true } },
            { "nested", new BsonDocument("a", new BsonDocument("b", 1)) },
        };
        Assert.Equal(
            """{"_id":"abc","n":1,"big":1099511627776,"f":1.5,"when":{"$date":1704067200000},"re":{"$regex":"ab","$options":"i"},"list":[1,"x",null,true],"nested":{"a":{"b":1}}}""",
            Write(document));
    }

    [Fact]
    public void Types_the_encoding_lacks_are_written_as_relaxed_extended_json()
    {
        Assert.Equal("""{"$oid":"000000000000000000000001"}""", Write(new ObjectId("000000000000000000000001")));
        Assert.Equal("""{"$numberDouble":"NaN"}""", Write(double.NaN));
        Assert.Equal("""{"$numberDecimal":"2.5"}""", Write(new BsonDecimal128(2.5m)));
    }

    [Fact]
    public void What_is_written_reads_back_equal()
    {
        var document = Read("""{"a":[1,2.5,"s",{"$date":0},{"$regex":"x","$options":"m"}],"b":{"c":null,"d":false}}""");
        using var again = JsonDocument.Parse(Write(document));
        Assert.Equal(document, ClientJson.ReadDocument(again.RootElement, "data"));
    }
}
