using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

internal enum ComparisonKind
{
    LessThan,
    LessOrEqual,
    GreaterThan,
    GreaterOrEqual,
}

/// <summary>
/// <c>$lt $lte $gt $gte</c>: only values of the operand's type bracket compare (<c>{$gt: 5}</c> never matches a
/// string), as MongoDB does; <c>$lte/$gte null</c> also accept a missing field because missing equals null.
/// </summary>
internal sealed class ComparisonMatcher(ComparisonKind kind, BsonValue operand) : ValueMatcher
{
    private readonly int _rank = BsonValueComparer.TypeRank(operand);
    private readonly bool _operandIsNaN = IsNaN(operand);

    public override bool MatchesMissing => _rank == 2 && kind is ComparisonKind.LessOrEqual or ComparisonKind.GreaterOrEqual;

    public override bool Matches(BsonValue value)
    {
        if (BsonValueComparer.TypeRank(value) != _rank) return false;
        // The sort order puts NaN below all numbers, but as a query bound NaN only "equals" NaN.
        if (_operandIsNaN || IsNaN(value)) return _operandIsNaN && IsNaN(value) && kind is ComparisonKind.LessOrEqual or ComparisonKind.GreaterOrEqual;
        var order = BsonValueComparer.Instance.Compare(value, operand);
        return kind switch
        {
            ComparisonKind.LessThan => order < 0,
            ComparisonKind.LessOrEqual => order <= 0,
            ComparisonKind.GreaterThan => order > 0,
            _ => order >= 0,
        };
    }

    private static bool IsNaN(BsonValue value) => value.BsonType switch
    {
        BsonType.Double => double.IsNaN(value.AsDouble),
        BsonType.Decimal128 => Decimal128.IsNaN(value.AsDecimal128),
        _ => false,
    };
}
