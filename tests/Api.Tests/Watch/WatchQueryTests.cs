using System.Text.Json;
using ActorCloud.Api.Watch;
using MongoDB.Bson;

namespace ActorCloud.Api.Tests.Watch;

/// <summary>INIT_WATCH's msgData as node-sdk sends it (protocol notes §3.9 item 3), and what is refused.</summary>
public sealed class WatchQueryTests
{
    [Theory]
    // A where() watch: a JSON string holding the canonical EJSON string.
    [InlineData("""{"collName": "c", "query": "\"{\\\"n\\\":{\\\"$gte\\\":{\\\"$numberInt\\\":\\\"1\\\"}}}\""}""", """{ "n" : { "$gte" : 1 } }""")]
    // A doc() watch: plain JSON {_id}; a number stays a number.
    [InlineData("""{"collName": "c", "query": "{\"_id\":\"abc\"}"}""", """{ "_id" : "abc" }""")]
    [InlineData("""{"collName": "c", "query": "{\"_id\":7}"}""", """{ "_id" : 7 }""")]
    // A whole-collection watch sends no query; other clients may send an object or an empty string.
    [InlineData("""{"collName": "c"}""", "{ }")]
    [InlineData("""{"collName": "c", "query": ""}""", "{ }")]
    [InlineData("""{"collName": "c", "query": {"n": 1}}""", """{ "n" : 1 }""")]
    [InlineData("""{"collName": "c", "query": "\"{\\\"d\\\":{\\\"$date\\\":{\\\"$numberLong\\\":\\\"5\\\"}}}\""}""", """{ "d" : { "$date" : "1970-01-01T00:00:00.005Z" } }""")]
    public void Reads_the_query(string msgData, string expected) =>
        Assert.Equal(expected, Parse(msgData).Query.ToString());

    [Theory]
    [InlineData("""{"collName": "c", "orderBy": {"n": "asc", "m": "desc"}, "limit": 3}""", """{ "n" : 1, "m" : -1 }""", 3)]
    [InlineData("""{"collName": "c", "orderBy": {"n": -1}}""", """{ "n" : -1 }""", null)]
    [InlineData("""{"collName": "c", "limit": 0}""", "{ }", null)]
    public void Reads_order_and_limit(string msgData, string order, int? limit)
    {
        var query = Parse(msgData);
        Assert.Equal(order, query.Order.ToString());
        Assert.Equal(limit, query.Limit);
        Assert.Equal("c", query.Collection);
    }

    [Theory]
    [InlineData("""{"query": ""}""")]
    [InlineData("""{"collName": "c", "query": "{not json"}""")]
    [InlineData("""{"collName": "c", "query": "\"{\\\"n\\\":\""}""")]
    [InlineData("""{"collName": "c", "query": 5}""")]
    [InlineData("""{"collName": "c", "orderBy": {"n": "up"}}""")]
    [InlineData("""{"collName": "c", "orderBy": {"$n": 1}}""")]
    [InlineData("""{"collName": "c", "orderBy": ["n"]}""")]
    [InlineData("""{"collName": "c", "limit": -1}""")]
    [InlineData("""{"collName": "c", "limit": 1.5}""")]
    [InlineData("""null""")]
    public void Refuses_malformed_watches(string msgData)
    {
        var error = Assert.Throws<WatchError>(() => Parse(msgData));
        Assert.Equal(WatchError.SysErr, error.Code);
        Assert.StartsWith("invalid watch: ", error.Message);
    }

    private static WatchQuery Parse(string msgData) => WatchQuery.Parse(JsonDocument.Parse(msgData).RootElement);
}
