using ActorCloud.Documents.Query;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Query;

/// <summary>One case a line: a query MongoDB/CloudBase refuses, and the CloudBase code the refusal carries.</summary>
public sealed class QueryFilterErrorTests
{
    [Theory]
    [InlineData("""{"$where":"this.a > 1"}""", ErrorCodes.DatabaseInvalidOperator)]
    [InlineData("""{"$text":{"$search":"x"}}""", ErrorCodes.DatabaseInvalidOperator)]
    [InlineData("""{"$foo":1}""", ErrorCodes.DatabaseInvalidOperator)]
    [InlineData("""{"a":{"$type":"nope"}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$type":[]}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$foo":1}}""", ErrorCodes.DatabaseInvalidOperator)]
    [InlineData("""{"a":{"$where":"1"}}""", ErrorCodes.DatabaseInvalidOperator)]
    [InlineData("""{"a":{"$gt":1,"b":2}}""", ErrorCodes.DatabaseInvalidOperator)]
    [InlineData("""{"$expr":{"$function":{"body":"x","args":[],"lang":"js"}}}""", ErrorCodes.DatabaseInvalidOperator)]
    [InlineData("""{"$expr":{"$accumulator":{}}}""", ErrorCodes.DatabaseInvalidOperator)]
    [InlineData("""{"$expr":{"$nope":[1]}}""", ErrorCodes.DatabaseInvalidOperator)]
    [InlineData("""{"h":{"$elemMatch":{"$where":"1"}}}""", ErrorCodes.DatabaseInvalidOperator)]
    [InlineData("""{"$and":{}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"$and":[]}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"$or":[1]}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"$nor":"x"}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$in":1}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$nin":{"x":1}}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$in":[{"$gt":1}]}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$all":2}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$size":"x"}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$size":-1}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$size":1.5}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$exists":{"x":1}}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$exists":"yes"}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$mod":[0,1]}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$mod":[4]}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$mod":["4",1]}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$mod":4}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$elemMatch":1}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$not":5}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$not":{}}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$not":{"b":1}}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$regex":"("}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$regex":"x","$options":"q"}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$options":"i"}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$regex":{"$regularExpression":{"pattern":"x","options":"i"}},"$options":"m"}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a..b":1}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"$expr":{"$gt":[1]}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"$expr":"$$NOPE"}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$maxDistance":5}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"$or":[{"loc":{"$nearSphere":{"$geometry":{"type":"Point","coordinates":[1,2]}}}}]}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"loc":{"$not":{"$nearSphere":{"$geometry":{"type":"Point","coordinates":[1,2]}}}}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$nearSphere":[1,2]},"b":{"$nearSphere":[1,2]}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$near":[1,2]}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$nearSphere":{"$geometry":{"type":"Point","coordinates":[1,2]},"$maxDistance":-1}}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$nearSphere":{"$geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}}}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$geoWithin":{"$geometry":{"type":"Point","coordinates":[1,2]}}}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$geoWithin":{"$geometry":{"type":"Polygon","coordinates":[[[0,0],[3,2],[2,3]]]}}}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$geoWithin":{"$geometry":{"type":"Polygon","coordinates":[[[0,0],[3,2],[2,3],[0,1]]]}}}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$geoWithin":{"$box":[[0,0],[1,1]]}}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$geoWithin":{"$centerSphere":[[200,0],0.1]}}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$geoWithin":{"$centerSphere":[[0,0]]}}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$geoWithin":5}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$geoIntersects":{"$geometry":{"type":"Blob","coordinates":[1,2]}}}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$geoIntersects":{"$geometry":{"type":"Point","coordinates":[1,95]}}}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":{"$geoIntersects":{"$geometry":{"type":"LineString","coordinates":[[1,2]]}}}}""", ErrorCodes.InvalidParam)]
    public void Refuses_with_code(string query, string code)
    {
        var error = Assert.Throws<DocumentException>(() => QueryFilter.Compile(BsonDocument.Parse(query)));
        Assert.Equal(code, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Regex_operator_needs_a_string_or_regex()
    {
        var query = new BsonDocument("a", new BsonDocument("$regex", 5));
        Assert.Equal(ErrorCodes.InvalidParam, Assert.Throws<DocumentException>(() => QueryFilter.Compile(query)).Code);
    }

    [Theory]
    [InlineData("$where")]
    [InlineData("$text")]
    [InlineData("$foo")]
    public void Invalid_operator_message_names_the_operator(string op)
    {
        var error = Assert.Throws<DocumentException>(() => QueryFilter.Compile(new BsonDocument(op, "x")));
        Assert.Contains(op, error.Message);
    }

    [Theory]
    [InlineData("""{"$expr":{"$divide":["$a",0]}}""", """{"a":1}""")]
    [InlineData("""{"$expr":{"$mod":["$a",0]}}""", """{"a":1}""")]
    [InlineData("""{"$expr":{"$size":"$a"}}""", """{"a":1}""")]
    public void Evaluation_errors_surface_as_document_exceptions(string query, string document)
    {
        var filter = QueryFilter.Compile(BsonDocument.Parse(query));
        var error = Assert.Throws<DocumentException>(() => filter.Matches(BsonDocument.Parse(document)));
        Assert.Equal(ErrorCodes.InvalidParam, error.Code);
    }

    [Fact]
    public void Catastrophic_regex_times_out_as_request_failed()
    {
        var filter = QueryFilter.Compile(BsonDocument.Parse("""{"s":{"$regex":"^(a+)+$"}}"""));
        var doc = new BsonDocument("s", new string('a', 40) + "!");
        var error = Assert.Throws<DocumentException>(() => filter.Matches(doc));
        Assert.Equal(ErrorCodes.DatabaseRequestFailed, error.Code);
    }
}
