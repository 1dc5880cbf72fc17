using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Rules;

/// <summary>A <c>$gt</c>, <c>$gte</c>, <c>$lt</c> or <c>$lte</c> condition on one path.</summary>
internal sealed record QueryBound(BsonValue Value, bool IsLower, bool Inclusive)
{
    /// <summary>MongoDB's type bracketing: a bound only matches values of its own kind (a number bound, numbers).</summary>
    public bool SameKind(BsonValue value) => BsonValueComparer.TypeRank(value) == BsonValueComparer.TypeRank(Value);

    public bool Admits(BsonValue value) => SameKind(value) && RuleOperators.Compare(AsComparison, value, Value);

    /// <summary>Whether every value within this bound satisfies <c>value op x</c> (x of the bound's kind).</summary>
    public bool Proves(BinaryOp op, BsonValue x)
    {
        var order = BsonValueComparer.Instance.Compare(Value, x);
        return op switch
        {
            BinaryOp.Greater => IsLower && (order > 0 || (order == 0 && !Inclusive)),
            BinaryOp.GreaterOrEqual => IsLower && order >= 0,
            BinaryOp.Less => !IsLower && (order < 0 || (order == 0 && !Inclusive)),
            BinaryOp.LessOrEqual => !IsLower && order <= 0,
            _ => false,
        };
    }

    private BinaryOp AsComparison => (IsLower, Inclusive) switch
    {
        (true, true) => BinaryOp.GreaterOrEqual,
        (true, false) => BinaryOp.Greater,
        (false, true) => BinaryOp.LessOrEqual,
        _ => BinaryOp.Less,
    };
}
