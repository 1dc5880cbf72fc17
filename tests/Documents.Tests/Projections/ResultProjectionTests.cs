using ActorCloud.Documents.Projections;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Projections;

/// <summary>One case a line: query, projection, stored document, projected result.</summary>
public sealed class ResultProjectionTests
{
    [Theory]
    [InlineData("""{"items.x":5}""", """{"items.$":1}""", """{"_id":1,"s":"a","items":[{"x":1},{"x":5,"y":"q"}]}""", """{"_id":1,"items":[{"x":5,"y":"q"}]}""")]
    [InlineData("""{"tags":"b"}""", """{"tags.$":1,"s":1}""", """{"_id":1,"s":"a","tags":["a","b","b"]}""", """{"_id":1,"s":"a","tags":["b"]}""")]
    [InlineData("""{"o.list":{"$gt":2}}""", """{"o.list.$":1}""", """{"_id":1,"o":{"list":[1,3,4],"k":1}}""", """{"_id":1,"o":{"list":[3]}}""")]
    [InlineData("""{}""", """{"s":1}""", """{"_id":1,"s":"a","t":2}""", """{"_id":1,"s":"a"}""")]
    public void Keeps_the_element_the_query_matched(string query, string projection, string stored, string expected)
    {
        var document = BsonDocument.Parse(stored);
        var before = document.DeepClone();

        var result = ResultProjection.Compile(BsonDocument.Parse(projection), BsonDocument.Parse(query)).Apply(document);

        Assert.Equal(BsonDocument.Parse(expected), result);
        Assert.Equal(before, document);
    }

    [Fact]
    public void Refuses_two_positional_fields() =>
        Assert.Equal(ErrorCodes.InvalidParam, Assert.Throws<DocumentException>(() =>
            ResultProjection.Compile(BsonDocument.Parse("""{"a.$":1,"b.$":1}"""), new BsonDocument())).Code);
}
