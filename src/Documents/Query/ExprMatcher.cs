using ActorCloud.Documents.Expressions;
using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

/// <summary><c>$expr</c>: the aggregation expression evaluated against the document, matching when truthy.</summary>
internal sealed class ExprMatcher(CompiledExpression expression) : DocumentMatcher
{
    public override bool Matches(BsonDocument doc) => ExpressionEvaluator.IsTruthy(expression.EvaluateOrMissing(doc));
}
