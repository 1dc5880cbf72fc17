using Xunit;
using static ActorCloud.Documents.Tests.Expressions.ExpressionCases;

namespace ActorCloud.Documents.Tests.Expressions;

/// <summary>$$ROOT, $$CURRENT, $let, $map, $filter, $reduce and lexical scoping of the variables they bind.</summary>
public sealed class VariableTests
{
    [Theory]
    [InlineData("\"$$ROOT\"", """{"a":1}""", """{"a":1}""")]
    [InlineData("\"$$CURRENT.a\"", """{"a":1}""", "1")]
    [InlineData("\"$$ROOT.b.c\"", """{"b":[{"c":1},{"c":2}]}""", "[1,2]")]
    [InlineData("\"$$REMOVE\"", "{}", "missing")]
    [InlineData("""{"$let":{"vars":{"x":2,"y":"$a"},"in":{"$multiply":["$$x","$$y"]}}}""", """{"a":5}""", "10")]
    [InlineData("""{"$let":{"vars":{"x":{"k":[1,2]}},"in":"$$x.k"}}""", "{}", "[1,2]")]
    [InlineData("""{"$let":{"vars":{"x":"$nope"},"in":"$$x"}}""", "{}", "missing")]
    [InlineData("""{"$let":{"vars":{"x":"$nope"},"in":"$$x.a"}}""", "{}", "missing")]
    [InlineData("""{"$let":{"vars":{"x":1},"in":{"$let":{"vars":{"x":2,"y":"$$x"},"in":["$$x","$$y"]}}}}""", "{}", "[2,1]")]
    [InlineData("""{"$let":{"vars":{"CURRENT":"$sub"},"in":"$x"}}""", """{"sub":{"x":7},"x":1}""", "7")]
    [InlineData("""{"$let":{"vars":{"CURRENT":"$sub"},"in":"$$ROOT.x"}}""", """{"sub":{"x":7},"x":1}""", "1")]
    [InlineData("""{"$let":{"vars":{"é":3},"in":"$$é"}}""", "{}", "3")]
    [InlineData("""{"$let":{"vars":{},"in":1}}""", "{}", "1")]
    [InlineData("""{"$let":{"vars":{"x":1},"in":"$$y"}}""", "{}", Invalid)]
    [InlineData("""{"$let":{"vars":{"x":1,"y":"$$x"},"in":"$$y"}}""", "{}", Invalid)]
    [InlineData("""{"$let":{"vars":{"X":1},"in":1}}""", "{}", Invalid)]
    [InlineData("""{"$let":{"vars":{"ROOT":1},"in":1}}""", "{}", Invalid)]
    [InlineData("""{"$let":{"vars":{"a-b":1},"in":1}}""", "{}", Invalid)]
    [InlineData("""{"$let":{"vars":{"":1},"in":1}}""", "{}", Invalid)]
    [InlineData("""{"$let":{"in":1}}""", "{}", Invalid)]
    [InlineData("""{"$let":{"vars":{}}}""", "{}", Invalid)]
    [InlineData("""{"$let":{"vars":1,"in":1}}""", "{}", Invalid)]
    [InlineData("""{"$let":{"vars":{},"in":1,"extra":1}}""", "{}", Invalid)]
    [InlineData("\"$$x\"", "{}", Invalid)]
    [InlineData("\"$$\"", "{}", Invalid)]
    [InlineData("""{"$add":[{"$let":{"vars":{"x":1},"in":"$$x"}},"$$x"]}""", "{}", Invalid)]
    [InlineData("""{"$map":{"input":"$a","as":"x","in":{"$multiply":["$$x",2]}}}""", """{"a":[1,2,3]}""", "[2,4,6]")]
    [InlineData("""{"$map":{"input":"$a","in":{"$add":["$$this",1]}}}""", """{"a":[1,2]}""", "[2,3]")]
    [InlineData("""{"$map":{"input":"$a","as":"x","in":"$$x.p"}}""", """{"a":[{"p":1},{"q":2}]}""", "[1,null]")]
    [InlineData("""{"$map":{"input":"$a","as":"x","in":{"$map":{"input":"$$x","in":{"$multiply":["$$this",10]}}}}}""", """{"a":[[1],[2,3]]}""", "[[10],[20,30]]")]
    [InlineData("""{"$map":{"input":"$nope","as":"x","in":1}}""", "{}", "null")]
    [InlineData("""{"$map":{"input":null,"as":"x","in":1}}""", "{}", "null")]
    [InlineData("""{"$map":{"input":"$a","as":"x","in":1}}""", """{"a":5}""", BadValue)]
    [InlineData("""{"$map":{"input":[],"as":"x","in":1}}""", "{}", "[]")]
    [InlineData("""{"$map":{"input":[1],"as":"x","in":"$$this"}}""", "{}", Invalid)]
    [InlineData("""{"$map":{"input":[1],"as":"Bad","in":1}}""", "{}", Invalid)]
    [InlineData("""{"$map":{"input":[1],"as":1,"in":1}}""", "{}", Invalid)]
    [InlineData("""{"$map":{"input":[1],"as":"x"}}""", "{}", Invalid)]
    [InlineData("""{"$map":{"as":"x","in":1}}""", "{}", Invalid)]
    [InlineData("""["$$x",{"$map":{"input":[1],"as":"x","in":"$$x"}}]""", "{}", Invalid)]
    [InlineData("""{"$filter":{"input":"$a","as":"x","cond":{"$gt":["$$x",1]}}}""", """{"a":[1,2,3]}""", "[2,3]")]
    [InlineData("""{"$filter":{"input":"$a","cond":"$$this.ok"}}""", """{"a":[{"ok":true,"n":1},{"ok":false},{"n":3}]}""", """[{"ok":true,"n":1}]""")]
    [InlineData("""{"$filter":{"input":"$a","as":"x","cond":true,"limit":2}}""", """{"a":[1,2,3]}""", "[1,2]")]
    [InlineData("""{"$filter":{"input":"$a","as":"x","cond":{"$gt":["$$x",1]},"limit":1}}""", """{"a":[1,2,3]}""", "[2]")]
    [InlineData("""{"$filter":{"input":"$a","as":"x","cond":true,"limit":null}}""", """{"a":[1,2]}""", "[1,2]")]
    [InlineData("""{"$filter":{"input":"$a","as":"x","cond":true,"limit":0}}""", """{"a":[1,2]}""", BadValue)]
    [InlineData("""{"$filter":{"input":"$a","as":"x","cond":true,"limit":1.5}}""", """{"a":[1,2]}""", BadValue)]
    [InlineData("""{"$filter":{"input":"$nope","as":"x","cond":true}}""", "{}", "null")]
    [InlineData("""{"$filter":{"input":"abc","as":"x","cond":true}}""", "{}", BadValue)]
    [InlineData("""{"$filter":{"input":[1],"as":"x"}}""", "{}", Invalid)]
    [InlineData("""{"$filter":{"input":[1],"as":"x","cond":true,"bad":1}}""", "{}", Invalid)]
    [InlineData("""{"$reduce":{"input":"$a","initialValue":0,"in":{"$add":["$$value","$$this"]}}}""", """{"a":[1,2,3]}""", "6")]
    [InlineData("""{"$reduce":{"input":["a","b","c"],"initialValue":"","in":{"$concat":["$$value","$$this"]}}}""", "{}", "\"abc\"")]
    [InlineData("""{"$reduce":{"input":[[1,2],[3]],"initialValue":[],"in":{"$concatArrays":["$$value","$$this"]}}}""", "{}", "[1,2,3]")]
    [InlineData("""{"$reduce":{"input":[],"initialValue":"$n","in":1}}""", """{"n":4}""", "4")]
    [InlineData("""{"$reduce":{"input":[1,2],"initialValue":{"sum":0,"product":1},"in":{"sum":{"$add":["$$value.sum","$$this"]},"product":{"$multiply":["$$value.product","$$this"]}}}}""", "{}", """{"sum":3,"product":2}""")]
    [InlineData("""{"$reduce":{"input":[[1,2],[3,4]],"initialValue":0,"in":{"$add":["$$value",{"$reduce":{"input":"$$this","initialValue":0,"in":{"$add":["$$value","$$this"]}}}]}}}""", "{}", "10")]
    [InlineData("""{"$reduce":{"input":"$nope","initialValue":0,"in":1}}""", "{}", "null")]
    [InlineData("""{"$reduce":{"input":1,"initialValue":0,"in":1}}""", "{}", BadValue)]
    [InlineData("""{"$reduce":{"input":[1],"in":1}}""", "{}", Invalid)]
    [InlineData("""{"$reduce":{"input":[1],"initialValue":"$$this","in":1}}""", "{}", Invalid)]
    [InlineData("""{"$add":[1,"$$value"]}""", "{}", Invalid)]
    [InlineData("""{"$let":{"vars":{"k":10},"in":{"$map":{"input":"$a","as":"x","in":{"$add":["$$x","$$k"]}}}}}""", """{"a":[1,2]}""", "[11,12]")]
    [InlineData("""{"$let":{"vars":{"x":100},"in":[{"$map":{"input":[1],"as":"x","in":"$$x"}},"$$x"]}}""", "{}", "[[1],100]")]
    public void Variables(string expression, string document, string expected) => Check(expression, document, expected);

    [Fact]
    public void Now_is_the_time_of_compilation_and_the_same_for_every_document()
    {
        var before = DateTime.UtcNow.AddMilliseconds(-1);
        var now = ActorCloud.Documents.Expressions.ExpressionEvaluator.Compile("$$NOW");
        var after = DateTime.UtcNow.AddMilliseconds(1);

        var first = now.Evaluate(new MongoDB.Bson.BsonDocument()).ToUniversalTime();
        Assert.InRange(first, before, after);
        Assert.Equal(first, now.Evaluate(new MongoDB.Bson.BsonDocument("a", 1)).ToUniversalTime());
        Check("\"$$NOW.year\"", "{}", "missing");
        var filter = ActorCloud.Documents.Query.QueryFilter.Compile(MongoDB.Bson.BsonDocument.Parse("""{"$expr":{"$lt":["$at","$$NOW"]}}"""));
        Assert.True(filter.Matches(new MongoDB.Bson.BsonDocument("at", DateTime.UtcNow.AddDays(-1))));
        Assert.False(filter.Matches(new MongoDB.Bson.BsonDocument("at", DateTime.UtcNow.AddDays(1))));
    }
}
