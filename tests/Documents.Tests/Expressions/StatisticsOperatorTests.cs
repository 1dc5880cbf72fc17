using Xunit;
using static ActorCloud.Documents.Tests.Expressions.ExpressionCases;

namespace ActorCloud.Documents.Tests.Expressions;

/// <summary><c>$sum</c>, <c>$avg</c>, <c>$stdDevPop</c>, <c>$stdDevSamp</c> as expressions: over one array operand, or over several operands.</summary>
public sealed class StatisticsOperatorTests
{
    [Theory]
    [InlineData("""{"$sum":"$homework"}""", """{"homework":[10,5,10]}""", "25")]
    [InlineData("""{"$sum":["$a","$b"]}""", """{"a":1,"b":2.5}""", "3.5")]
    [InlineData("""{"$sum":"$homework"}""", """{"homework":[1,"x",null,[2]]}""", "1")]
    [InlineData("""{"$sum":"$nope"}""", "{}", "0")]
    [InlineData("""{"$sum":"$n"}""", """{"n":7}""", "7")]
    [InlineData("""{"$sum":"$big"}""", """{"big":[2147483647,1]}""", """{"$numberLong":"2147483648"}""")]
    [InlineData("""{"$avg":"$quizzes"}""", """{"quizzes":[10,8]}""", "9.0")]
    [InlineData("""{"$avg":["$a","$b","$c"]}""", """{"a":1,"b":2}""", "1.5")]
    [InlineData("""{"$avg":"$none"}""", """{"none":[]}""", "null")]
    [InlineData("""{"$stdDevPop":"$x"}""", """{"x":[2,4,4,4,5,5,7,9]}""", "2.0")]
    [InlineData("""{"$stdDevSamp":"$x"}""", """{"x":[1]}""", "null")]
    [InlineData("""{"$stdDevSamp":"$x"}""", """{"x":[1,3]}""", "1.4142135623730951")]
    public void Work_as_the_accumulators_of_the_same_name(string expression, string document, string expected) =>
        Check(expression, document, expected);
}
