using ActorCloud.Documents.Query;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Query;

/// <summary>What a compiled query tells its caller: the pinned _id, upsert seeds, the element predicate.</summary>
public sealed class QueryFilterPlanTests
{
    [Theory]
    [InlineData("""{"_id":"abc"}""", "\"abc\"")]
    [InlineData("""{"_id":{"$numberInt":"123"}}""", "123")]
    [InlineData("""{"_id":{"$eq":"abc"},"x":1}""", "\"abc\"")]
    [InlineData("""{"$and":[{"x":1},{"_id":"abc"}]}""", "\"abc\"")]
    [InlineData("""{"$and":[{"$and":[{"_id":"abc"}]}]}""", "\"abc\"")]
    [InlineData("""{"_id":{"a":1}}""", """{ "a" : 1 }""")]
    [InlineData("""{"_id":{"$gt":"abc"}}""", null)]
    [InlineData("""{"_id":{"$in":["abc"]}}""", null)]
    [InlineData("""{"_id":/abc/}""", null)]
    [InlineData("""{"$or":[{"_id":"abc"}]}""", null)]
    [InlineData("""{"_id":{"$not":{"$eq":"abc"}}}""", null)]
    [InlineData("""{"x":{"$elemMatch":{"_id":"abc"}}}""", null)]
    [InlineData("""{"a._id":"abc"}""", null)]
    [InlineData("""{}""", null)]
    public void Id_equality_is_found_only_when_every_match_must_have_it(string query, string? expected)
    {
        var filter = QueryFilter.Compile(BsonDocument.Parse(query));
        if (expected is null) Assert.Null(filter.IdEquality);
        else Assert.Equal(BsonDocument.Parse("{\"v\":" + expected + "}")["v"], filter.IdEquality);
    }

    [Fact]
    public void Equality_fields_come_from_root_and_root_and_in_query_order()
    {
        var filter = QueryFilter.Compile(BsonDocument.Parse(
            """{"a":1,"b.c":"x","d":{"$eq":{"e":2}},"f":{"$gt":1},"g":/re/,"$and":[{"h":true},{"$or":[{"i":1}]}],"$or":[{"j":1}],"k":{"$in":[1]}}"""));
        Assert.Equal(["a", "b.c", "d", "h"], filter.EqualityFields.Select(f => f.Key));
        Assert.Equal(new BsonInt32(1), filter.EqualityFields[0].Value);
        Assert.Equal(new BsonDocument("e", 2), filter.EqualityFields[2].Value);
        Assert.Null(filter.Near);
    }

    [Theory]
    [InlineData("""{"$gt":3}""", "4", true)]
    [InlineData("""{"$gt":3}""", "3", false)]
    [InlineData("""{"$gt":3,"$lt":5}""", "6", false)]
    [InlineData("""{"$in":[1,2]}""", "2", true)]
    [InlineData("""{"$ne":2}""", "2", false)]
    [InlineData("""{"$nin":[2]}""", "3", true)]
    [InlineData("""{"$eq":null}""", "null", true)]
    [InlineData("""{"$exists":true}""", "0", true)]
    [InlineData("""{"$size":2}""", "[1,2]", true)]
    [InlineData("""{"$gt":3}""", "[4]", false)]
    [InlineData("""{"$elemMatch":{"$gt":3}}""", "[4]", true)]
    [InlineData("""{"$not":{"$gt":3}}""", "1", true)]
    [InlineData("""{"x":{"$gt":1}}""", """{"x":2}""", true)]
    [InlineData("""{"x":{"$gt":1}}""", """{"x":[0,2]}""", true)]
    [InlineData("""{"x":{"$gt":1}}""", "5", false)]
    [InlineData("""{"x":1,"y":2}""", """{"x":1,"y":2,"z":3}""", true)]
    [InlineData("""{"x":1,"y":2}""", """{"x":1}""", false)]
    [InlineData("""{"$or":[{"x":1},{"y":2}]}""", """{"y":2}""", true)]
    [InlineData("""{}""", """{"y":2}""", true)]
    public void Element_predicate_judges_one_array_element(string condition, string element, bool expected)
    {
        var predicate = QueryFilter.CompileElementPredicate(BsonDocument.Parse(condition));
        Assert.Equal(expected, predicate(BsonDocument.Parse("{\"v\":" + element + "}")["v"]));
    }

    [Fact]
    public void Element_predicate_accepts_regex_operator_documents()
    {
        var predicate = QueryFilter.CompileElementPredicate(new BsonDocument { { "$regex", "^A" }, { "$options", "i" } });
        Assert.True(predicate("ab"));
        Assert.False(predicate("ba"));
    }

    [Fact]
    public void Element_predicate_refuses_unknown_operators()
    {
        var error = Assert.Throws<DocumentException>(() => QueryFilter.CompileElementPredicate(BsonDocument.Parse("""{"$bogus":1}""")));
        Assert.Equal(ErrorCodes.DatabaseInvalidOperator, error.Code);
    }
}
