using ActorCloud.Documents.Updates;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Updates;

/// <summary>One case a line: query, update with positional paths, document, the document after the update.</summary>
public sealed class PositionalUpdateTests
{
    [Theory]
    [InlineData("""{"numbers":20}""", """{"$set":{"numbers.$":25}}""", """{"numbers":[10,20,30]}""", """{"numbers":[10,25,30]}""")]
    [InlineData("""{"numbers":{"$gt":15}}""", """{"$inc":{"numbers.$":1}}""", """{"numbers":[10,20,30]}""", """{"numbers":[10,21,30]}""")]
    [InlineData("""{"items.x":5}""", """{"$set":{"items.$.y":true}}""", """{"items":[{"x":1},{"x":5}]}""", """{"items":[{"x":1},{"x":5,"y":true}]}""")]
    [InlineData("""{"items":{"$elemMatch":{"x":{"$gte":2},"z":"b"}}}""", """{"$set":{"items.$.hit":1}}""", """{"items":[{"x":3,"z":"a"},{"x":2,"z":"b"}]}""", """{"items":[{"x":3,"z":"a"},{"x":2,"z":"b","hit":1}]}""")]
    [InlineData("""{"$and":[{"tags":"b"}]}""", """{"$unset":{"tags.$":""}}""", """{"tags":["a","b"]}""", """{"tags":["a",null]}""")]
    [InlineData("""{"tags":{"$regularExpression":{"pattern":"^b","options":""}}}""", """{"$set":{"tags.$":"B"}}""", """{"tags":["a","bb"]}""", """{"tags":["a","B"]}""")]
    [InlineData("""{}""", """{"$inc":{"numbers.$[]":10}}""", """{"numbers":[1,2,3]}""", """{"numbers":[11,12,13]}""")]
    [InlineData("""{}""", """{"$set":{"items.$[].seen":true}}""", """{"items":[{"a":1},{"a":2}]}""", """{"items":[{"a":1,"seen":true},{"a":2,"seen":true}]}""")]
    [InlineData("""{}""", """{"$inc":{"m.math.$[]":10}}""", """{"m":{"math":[1,2]}}""", """{"m":{"math":[11,12]}}""")]
    [InlineData("""{}""", """{"$inc":{"grid.$[].$[]":1}}""", """{"grid":[[1,2],[3]]}""", """{"grid":[[2,3],[4]]}""")]
    [InlineData("""{}""", """{"$set":{"empty.$[]":1}}""", """{"empty":[]}""", """{"empty":[]}""")]
    public void Resolves_positional_paths_against_the_matched_document(string query, string update, string before, string after)
    {
        var concrete = PositionalUpdate.Resolve(BsonDocument.Parse(update), BsonDocument.Parse(query), BsonDocument.Parse(before));

        var result = UpdateApplier.Apply(BsonDocument.Parse(before), UpdateSpec.Parse(concrete)).Document;

        Assert.Equal(BsonDocument.Parse(after), result);
    }

    [Theory]
    [InlineData("""{"numbers":99}""", """{"$set":{"numbers.$":1}}""", """{"numbers":[1,2]}""", ErrorCodes.DatabaseRequestFailed)]
    [InlineData("""{"other":1}""", """{"$set":{"numbers.$":1}}""", """{"numbers":[1,2],"other":1}""", ErrorCodes.DatabaseRequestFailed)]
    [InlineData("""{}""", """{"$set":{"missing.$[]":1}}""", """{"a":1}""", ErrorCodes.DatabaseRequestFailed)]
    [InlineData("""{}""", """{"$set":{"a.$[i]":1}}""", """{"a":[1]}""", ErrorCodes.InvalidParam)]
    public void Refuses_positional_paths_that_cannot_be_resolved(string query, string update, string document, string code)
    {
        var error = Assert.Throws<DocumentException>(() =>
            PositionalUpdate.Resolve(BsonDocument.Parse(update), BsonDocument.Parse(query), BsonDocument.Parse(document)));
        Assert.Equal(code, error.Code);
    }

    [Theory]
    [InlineData("""{"$set":{"a.$":1}}""", true)]
    [InlineData("""{"$inc":{"a.$[].b":1}}""", true)]
    [InlineData("""{"$set":{"a.0":1,"b":2}}""", false)]
    public void Tells_positional_updates_apart(string update, bool positional) =>
        Assert.Equal(positional, PositionalUpdate.Uses(BsonDocument.Parse(update)));
}
