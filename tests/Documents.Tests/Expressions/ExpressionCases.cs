using ActorCloud.Documents.Expressions;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Expressions;

/// <summary>
/// Runs one table case: an expression, the document it is evaluated against, and the expected result as JSON,
/// <c>missing</c>, or an error. <see cref="Invalid"/> must be refused by Compile (a malformed expression);
/// <see cref="BadValue"/> and <see cref="Failed"/> must compile and then fail while evaluating: an operand of the
/// wrong type or domain, or a computation that fails on acceptable operands.
/// </summary>
internal static class ExpressionCases
{
    public const string Invalid = "error:" + ErrorCodes.InvalidParam;
    public const string BadValue = "error:evaluation:" + ErrorCodes.InvalidParam;
    public const string Failed = "error:evaluation:" + ErrorCodes.DatabaseRequestFailed;

    public static void Check(string expression, string document, string expected)
    {
        var value = BsonDocument.Parse("{\"v\":" + expression + "}")["v"];
        var doc = BsonDocument.Parse(document);
        if (expected == Invalid)
        {
            Assert.Equal(ErrorCodes.InvalidParam, Assert.Throws<DocumentException>(() => ExpressionEvaluator.Compile(value)).Code);
            return;
        }
        var compiled = ExpressionEvaluator.Compile(value);
        if (expected is BadValue or Failed)
        {
            var code = expected == Failed ? ErrorCodes.DatabaseRequestFailed : ErrorCodes.InvalidParam;
            Assert.Equal(code, Assert.Throws<DocumentException>(() => compiled.EvaluateOrMissing(doc)).Code);
            return;
        }
        var result = compiled.EvaluateOrMissing(doc);
        if (expected == "missing")
        {
            Assert.Null(result);
            return;
        }
        var want = BsonDocument.Parse("{\"v\":" + expected + "}")["v"];
        Assert.NotNull(result);
        Assert.Equal(want.BsonType, result.BsonType);
        Assert.Equal(want, result);
    }
}
