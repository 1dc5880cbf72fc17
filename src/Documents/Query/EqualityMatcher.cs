using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

/// <summary>
/// <c>{field: v}</c> / <c>$eq</c>: equal under MongoDB's order (1 == 1.0). Equality with null also accepts a missing
/// field; an array operand matches an equal array or an array that holds it as an element.
/// </summary>
internal sealed class EqualityMatcher(BsonValue operand) : ValueMatcher
{
    private readonly int _rank = BsonValueComparer.TypeRank(operand);

    public override bool MatchesMissing => _rank == 2;

    public override bool Matches(BsonValue value) =>
        BsonValueComparer.TypeRank(value) == _rank && BsonValueComparer.Instance.Compare(value, operand) == 0;
}
