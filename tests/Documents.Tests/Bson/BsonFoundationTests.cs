using ActorCloud.Documents.Bson;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Bson;

/// <summary>Table-driven tests of the engine's foundations: BSON order, EJSON parsing, server dates, storage rules.</summary>
public sealed class BsonFoundationTests
{
    // MongoDB's order: MinKey < null < numbers < strings < objects < arrays < binary < ObjectId < bool < date < regex < MaxKey.
    [Theory]
    [InlineData("""{"$minKey":1}""", "null")]
    [InlineData("null", "-5")]
    [InlineData("-5", """{"$numberLong":"-4"}""")]
    [InlineData("1.5", """{"$numberInt":"2"}""")]
    [InlineData("""{"$numberDecimal":"2.5"}""", "3")]
    [InlineData("""{"$numberDouble":"NaN"}""", """{"$numberDouble":"-Infinity"}""")]
    [InlineData("1e300", "\"\"")]
    [InlineData("\"Z\"", "\"a\"")]
    [InlineData("\"a\"", "\"ab\"")]
    [InlineData("\"zzz\"", "{}")]
    [InlineData("""{"a":1}""", """{"a":2}""")]
    [InlineData("""{"a":1}""", """{"b":0}""")]
    [InlineData("""{"a":1}""", """{"a":1,"b":0}""")]
    [InlineData("""{"z":9}""", "[]")]
    [InlineData("[1,2]", "[1,3]")]
    [InlineData("[1]", "[1,0]")]
    [InlineData("[9]", """{"$oid":"000000000000000000000000"}""")]
    [InlineData("""{"$oid":"000000000000000000000000"}""", "false")]
    [InlineData("true", """{"$date":"1970-01-01T00:00:00Z"}""")]
    [InlineData("""{"$date":"1970-01-01T00:00:00Z"}""", """{"$date":"2024-01-01T00:00:00Z"}""")]
    [InlineData("""{"$date":"2999-01-01T00:00:00Z"}""", """{"$regularExpression":{"pattern":"a","options":""}}""")]
    [InlineData("""{"$regularExpression":{"pattern":"a","options":""}}""", """{"$maxKey":1}""")]
    public void Orders_values_as_MongoDB_does(string smaller, string larger)
    {
        var a = Value(smaller);
        var b = Value(larger);
        Assert.True(BsonValueComparer.Instance.Compare(a, b) < 0, $"{a} < {b}");
        Assert.True(BsonValueComparer.Instance.Compare(b, a) > 0, $"{b} > {a}");
    }

    [Theory]
    [InlineData("1", "1.0")]
    [InlineData("""{"$numberLong":"7"}""", """{"$numberInt":"7"}""")]
    [InlineData("""{"$numberDecimal":"2.50"}""", "2.5")]
    [InlineData("""{"$numberDouble":"NaN"}""", """{"$numberDouble":"NaN"}""")]
    [InlineData("""{"a":[1,{"b":2}]}""", """{"a":[1.0,{"b":{"$numberLong":"2"}}]}""")]
    public void Treats_equal_values_as_equal_with_equal_hashes(string left, string right)
    {
        var a = Value(left);
        var b = Value(right);
        Assert.True(BsonValueComparer.Instance.Equals(a, b));
        Assert.Equal(BsonValueComparer.Instance.GetHashCode(a), BsonValueComparer.Instance.GetHashCode(b));
    }

    [Theory]
    [InlineData("{bad")]
    [InlineData("[1]")]
    [InlineData("""{"a":1} trailing""")]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"a":{"$numberInt":"x"}}""")]
    public void Refuses_malformed_EJSON_as_INVALID_PARAM(string text) =>
        Assert.Equal(ErrorCodes.InvalidParam, Assert.Throws<DocumentException>(() => Ejson.ParseDocument(text, "data")).Code);

    [Fact]
    public void Refuses_nesting_deeper_than_100_levels_but_not_brackets_inside_strings()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 120)) + "1" + new string('}', 120);
        Assert.Equal(ErrorCodes.InvalidParam, Assert.Throws<DocumentException>(() => Ejson.ParseDocument(deep, "data")).Code);
        var brackets = "{\"s\":\"" + new string('[', 500) + "\"}";
        Assert.Equal(500, Ejson.ParseDocument(brackets, "data")["s"].AsString.Length);
    }

    [Fact]
    public void Resolves_server_dates_everywhere_without_touching_the_input()
    {
        var now = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
        var input = BsonDocument.Parse("""
            {"a":{"$tcb_server_date":{"offset":{"$numberInt":"0"}}},
             "b":{"c":[1,{"$tcb_server_date":{"offset":{"$numberInt":"3600000"}}}]},
             "d":{"$tcb_server_date":{}}, "e":"plain"}
            """);
        var original = input.DeepClone();

        var resolved = ServerDate.Resolve(input, now);

        Assert.Equal(now, resolved["a"].ToUniversalTime());
        Assert.Equal(now.AddHours(1), resolved["b"]["c"][1].ToUniversalTime());
        Assert.Equal(now, resolved["d"].ToUniversalTime());
        Assert.Equal(original, input);
        Assert.Same(input["e"], resolved["e"]);
    }

    [Theory]
    [InlineData("""{"$tcb_server_date":{}}""")]
    [InlineData("""{"$tcb_server_date":{"$pull":false,"$push":{"$unset":false}}}""")]
    public void A_whole_document_that_is_a_server_date_marker_is_refused(string document)
    {
        var error = Assert.Throws<DocumentException>(() => ServerDate.Resolve(BsonDocument.Parse(document), DateTime.UtcNow));
        Assert.Equal(ErrorCodes.InvalidParam, error.Code);
    }

    [Theory]
    [InlineData("""{"$bad":1}""")]
    [InlineData("""{"a":{"":1}}""")]
    [InlineData("""{"a.b":1}""")]
    [InlineData("""{"a":[{"$x":1}]}""")]
    [InlineData("""{"_id":[1]}""")]
    [InlineData("""{"_id":null}""")]
    [InlineData("""{"_id":""}""")]
    [InlineData("""{"u":{"$undefined":true}}""")]
    public void Refuses_documents_that_break_storage_rules(string json) =>
        Assert.Equal(ErrorCodes.InvalidParam,
            Assert.Throws<DocumentException>(() => DocumentRules.ValidateForStorage(BsonDocument.Parse(json))).Code);

    [Fact]
    public void Refuses_documents_over_16_MB_and_keeps_exact_types_in_BSON()
    {
        var big = new BsonDocument("p", new string('x', DocumentRules.MaxDocumentBytes));
        Assert.Throws<DocumentException>(() => DocumentRules.ValidateForStorage(big));

        var typed = BsonDocument.Parse("""{"_id":"a","i":{"$numberInt":"1"},"l":{"$numberLong":"1"},"d":1.0,"m":{"$numberDecimal":"1"}}""");
        var back = BsonBytes.Read(DocumentRules.ValidateForStorage(typed));
        Assert.Equal(new[] { BsonType.String, BsonType.Int32, BsonType.Int64, BsonType.Double, BsonType.Decimal128 },
            back.Elements.Select(e => e.Value.BsonType));
    }

    [Fact]
    public void Generates_32_lowercase_hex_ids_in_creation_order()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => DocumentIds.New()).ToList();
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(string.CompareOrdinal(ids[0][..8], ids[^1][..8]) <= 0);
    }

    private static BsonValue Value(string json) => BsonDocument.Parse("{\"v\":" + json + "}")["v"];
}
