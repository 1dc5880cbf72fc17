using ActorCloud.Documents.Expressions;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Expressions;

/// <summary>One case a line: expression, document, expected result (as the JSON of <c>{"v": result}</c>; "missing" for none).</summary>
public sealed class ExpressionEvaluatorTests
{
    private const string Doc = """{"a":3,"b":2,"s":"Hello","arr":[1,5,3],"n":null,"sub":{"x":10},"items":[{"p":1},{"q":2},{"p":3}],"d":{"$date":{"$numberLong":"1000"}},"l":{"$numberLong":"7"},"f":2.5}""";

    [Theory]
    [InlineData("\"$a\"", "3")]
    [InlineData("\"$sub.x\"", "10")]
    [InlineData("\"$items.p\"", "[1,3]")]
    [InlineData("\"$nope\"", "missing")]
    [InlineData("\"$$ROOT.sub\"", """{"x":10}""")]
    [InlineData("\"$$CURRENT.a\"", "3")]
    [InlineData("\"$$REMOVE\"", "missing")]
    [InlineData("\"plain\"", "\"plain\"")]
    [InlineData("5", "5")]
    [InlineData("""{"$literal":"$a"}""", "\"$a\"")]
    [InlineData("""{"k":"$a","gone":"$nope"}""", """{"k":3}""")]
    [InlineData("""["$a","$nope"]""", "[3,null]")]
    [InlineData("""{"$eq":["$a",3]}""", "true")]
    [InlineData("""{"$eq":["$a",3.0]}""", "true")]
    [InlineData("""{"$eq":["$nope",null]}""", "false")]
    [InlineData("""{"$eq":["$n",null]}""", "true")]
    [InlineData("""{"$ne":["$a","3"]}""", "true")]
    [InlineData("""{"$gt":["$a","$b"]}""", "true")]
    [InlineData("""{"$gt":["$s",5]}""", "true")]
    [InlineData("""{"$gte":["$a",3]}""", "true")]
    [InlineData("""{"$lt":["$nope",null]}""", "true")]
    [InlineData("""{"$lte":["$b",1]}""", "false")]
    [InlineData("""{"$cmp":["$a","$b"]}""", "1")]
    [InlineData("""{"$cmp":["$b","$a"]}""", "-1")]
    [InlineData("""{"$cmp":["$a",3]}""", "0")]
    [InlineData("""{"$add":["$a","$b",1]}""", "6")]
    [InlineData("""{"$add":["$a","$f"]}""", "5.5")]
    [InlineData("""{"$add":["$a","$l"]}""", """{"$numberLong":"10"}""")]
    [InlineData("""{"$add":[2147483647,1]}""", """{"$numberLong":"2147483648"}""")]
    [InlineData("""{"$add":["$a","$nope"]}""", "null")]
    [InlineData("""{"$add":["$d",500]}""", """{"$date":{"$numberLong":"1500"}}""")]
    [InlineData("""{"$subtract":["$a","$b"]}""", "1")]
    [InlineData("""{"$subtract":["$d",{"$date":{"$numberLong":"400"}}]}""", """{"$numberLong":"600"}""")]
    [InlineData("""{"$subtract":["$d",100]}""", """{"$date":{"$numberLong":"900"}}""")]
    [InlineData("""{"$multiply":["$a","$b"]}""", "6")]
    [InlineData("""{"$divide":["$a","$b"]}""", "1.5")]
    [InlineData("""{"$divide":[6,3]}""", "2.0")]
    [InlineData("""{"$mod":["$a","$b"]}""", "1")]
    [InlineData("""{"$mod":[-7,2]}""", "-1")]
    [InlineData("""{"$mod":[7.5,2]}""", "1.5")]
    [InlineData("""{"$abs":-4}""", "4")]
    [InlineData("""{"$abs":"$nope"}""", "null")]
    [InlineData("""{"$ceil":"$f"}""", "3.0")]
    [InlineData("""{"$floor":-2.5}""", "-3.0")]
    [InlineData("""{"$trunc":-2.5}""", "-2.0")]
    [InlineData("""{"$trunc":"$a"}""", "3")]
    [InlineData("""{"$pow":[2,10]}""", "1024")]
    [InlineData("""{"$pow":[2,-1]}""", "0.5")]
    [InlineData("""{"$sqrt":16}""", "4.0")]
    [InlineData("""{"$and":[true,"$a",1]}""", "true")]
    [InlineData("""{"$and":[true,"$nope"]}""", "false")]
    [InlineData("""{"$and":[]}""", "true")]
    [InlineData("""{"$or":[0,null,"$n","$s"]}""", "true")]
    [InlineData("""{"$or":[0,false]}""", "false")]
    [InlineData("""{"$not":[0]}""", "true")]
    [InlineData("""{"$not":"$arr"}""", "false")]
    [InlineData("""{"$and":[false,{"$divide":[1,0]}]}""", "false")]
    [InlineData("""{"$cond":[{"$gt":["$a",1]},"big","small"]}""", "\"big\"")]
    [InlineData("""{"$cond":{"if":"$nope","then":1,"else":2}}""", "2")]
    [InlineData("""{"$ifNull":["$nope","dflt"]}""", "\"dflt\"")]
    [InlineData("""{"$ifNull":["$n","$nope","$a"]}""", "3")]
    [InlineData("""{"$ifNull":["$a","dflt"]}""", "3")]
    [InlineData("""{"$in":[5,"$arr"]}""", "true")]
    [InlineData("""{"$in":[5.0,[1,5]]}""", "true")]
    [InlineData("""{"$in":["x","$arr"]}""", "false")]
    [InlineData("""{"$size":"$arr"}""", "3")]
    [InlineData("""{"$size":[[]]}""", "0")]
    [InlineData("""{"$arrayElemAt":["$arr",1]}""", "5")]
    [InlineData("""{"$arrayElemAt":["$arr",-1]}""", "3")]
    [InlineData("""{"$arrayElemAt":["$arr",9]}""", "missing")]
    [InlineData("""{"$arrayElemAt":["$nope",0]}""", "null")]
    [InlineData("""{"$concat":["$s"," ","world"]}""", "\"Hello world\"")]
    [InlineData("""{"$concat":["$s","$nope"]}""", "null")]
    [InlineData("""{"$toLower":"$s"}""", "\"hello\"")]
    [InlineData("""{"$toUpper":"$s"}""", "\"HELLO\"")]
    [InlineData("""{"$toUpper":"$nope"}""", "\"\"")]
    [InlineData("""{"$toLower":12}""", "\"12\"")]
    [InlineData("""{"$strLenCP":"$s"}""", "5")]
    [InlineData("""{"$strLenCP":"中文😀"}""", "3")]
    [InlineData("""{"$substrCP":["$s",1,3]}""", "\"ell\"")]
    [InlineData("""{"$substrCP":["中文😀好",2,1]}""", "\"😀\"")]
    [InlineData("""{"$substrCP":["$s",9,3]}""", "\"\"")]
    [InlineData("""{"$max":"$arr"}""", "5")]
    [InlineData("""{"$min":"$arr"}""", "1")]
    [InlineData("""{"$max":[1,"$a",null]}""", "3")]
    [InlineData("""{"$min":["$nope","$n"]}""", "null")]
    [InlineData("""{"$max":[1,"x"]}""", "\"x\"")]
    public void Evaluates_like_mongodb(string expression, string expected)
    {
        var compiled = ExpressionEvaluator.Compile(BsonDocument.Parse("{\"v\":" + expression + "}")["v"]);
        var result = compiled.EvaluateOrMissing(BsonDocument.Parse(Doc));
        if (expected == "missing")
        {
            Assert.Null(result);
            Assert.Equal(BsonNull.Value, compiled.Evaluate(BsonDocument.Parse(Doc)));
            return;
        }
        var want = BsonDocument.Parse("{\"v\":" + expected + "}")["v"];
        Assert.NotNull(result);
        Assert.Equal(want.BsonType, result.BsonType);
        Assert.Equal(want, result);
    }

    [Theory]
    [InlineData("""{"$function":{}}""", ErrorCodes.DatabaseInvalidOperator)]
    [InlineData("""{"$bogus":1}""", ErrorCodes.DatabaseInvalidOperator)]
    [InlineData("""{"$add":1,"$sub":2}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"a":1,"$sub":2}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"$eq":[1]}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"$cond":[1,2]}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"$cond":{"if":1,"then":2}}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"$ifNull":["$a"]}""", ErrorCodes.InvalidParam)]
    [InlineData("""{"$substrCP":["a",1]}""", ErrorCodes.InvalidParam)]
    [InlineData("\"$$CLUSTER_TIME\"", ErrorCodes.InvalidParam)]
    [InlineData("\"$a..b\"", ErrorCodes.InvalidParam)]
    public void Refuses_at_compile_time(string expression, string code)
    {
        var value = BsonDocument.Parse("{\"v\":" + expression + "}")["v"];
        Assert.Equal(code, Assert.Throws<DocumentException>(() => ExpressionEvaluator.Compile(value)).Code);
    }

    [Theory]
    [InlineData("""{"$divide":["$a",0]}""")]
    [InlineData("""{"$mod":["$a",0]}""")]
    [InlineData("""{"$add":["$a","$s"]}""")]
    [InlineData("""{"$add":["$d","$d"]}""")]
    [InlineData("""{"$sqrt":-1}""")]
    [InlineData("""{"$size":"$a"}""")]
    [InlineData("""{"$in":[1,"$a"]}""")]
    [InlineData("""{"$concat":["$s",1]}""")]
    [InlineData("""{"$strLenCP":"$a"}""")]
    [InlineData("""{"$arrayElemAt":["$s",0]}""")]
    [InlineData("""{"$pow":[0,-1]}""")]
    public void Refuses_at_evaluation_time(string expression)
    {
        var compiled = ExpressionEvaluator.Compile(BsonDocument.Parse("{\"v\":" + expression + "}")["v"]);
        var error = Assert.Throws<DocumentException>(() => compiled.Evaluate(BsonDocument.Parse(Doc)));
        Assert.Equal(ErrorCodes.InvalidParam, error.Code);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("null", false)]
    [InlineData("0", false)]
    [InlineData("0.0", false)]
    [InlineData("""{"$numberLong":"0"}""", false)]
    [InlineData("""{"$numberDecimal":"0"}""", false)]
    [InlineData("true", true)]
    [InlineData("\"\"", true)]
    [InlineData("[]", true)]
    [InlineData("{}", true)]
    [InlineData("-1", true)]
    public void Truthiness(string value, bool expected)
    {
        Assert.Equal(expected, ExpressionEvaluator.IsTruthy(BsonDocument.Parse("{\"v\":" + value + "}")["v"]));
        Assert.False(ExpressionEvaluator.IsTruthy(null));
    }
}
