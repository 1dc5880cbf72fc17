using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Indexes;

/// <summary>
/// What a query's conditions on one field allow an index to skip: a set of points (equality, <c>$in</c>) or one range
/// (<c>$gt/$gte/$lt/$lte</c>, kept within the bound's type as MongoDB's comparison operators are). Only conditions whose
/// matches are certain to be under the bounds' keys are used; anything else leaves the field unbounded. The bounds
/// narrow the candidates only — every candidate still goes through the whole filter.
/// </summary>
public sealed record IndexBounds(IReadOnlyList<BsonValue>? Points, BsonValue? Low, bool LowInclusive, BsonValue? High, bool HighInclusive)
{
    /// <summary>How selective the bounds are likely to be, to pick between indexes: points beat ranges.</summary>
    public int Score => Points is { } points ? (points.Count == 1 ? 3 : 2) : 1;

    /// <summary>The bounds the query puts on <paramref name="path"/>, or null when it puts none an index can use.</summary>
    public static IndexBounds? For(BsonDocument query, string path)
    {
        IndexBounds? best = null;
        foreach (var condition in ConditionsOn(query, path))
        {
            var bounds = FromCondition(condition);
            if (bounds is not null && (best is null || bounds.Score > best.Score)) best = bounds;
        }
        return best;
    }

    /// <summary>The conditions on a path in the query's top-level conjunction (its fields and <c>$and</c> members).</summary>
    private static IEnumerable<BsonValue> ConditionsOn(BsonDocument query, string path)
    {
        foreach (var element in query)
        {
            if (element.Name == path) yield return element.Value;
            else if (element.Name == "$and" && element.Value is BsonArray all)
            {
                foreach (var member in all.OfType<BsonDocument>())
                    foreach (var condition in ConditionsOn(member, path)) yield return condition;
            }
        }
    }

    private static IndexBounds? FromCondition(BsonValue condition)
    {
        if (condition is not BsonDocument operators || !operators.Names.Any(n => n.StartsWith('$')))
            return IsPoint(condition) ? new IndexBounds([condition], null, false, null, false) : null;
        if (!operators.Names.All(n => n.StartsWith('$'))) return null;
        if (operators.TryGetValue("$eq", out var equal) && IsPoint(equal)) return new IndexBounds([equal], null, false, null, false);
        if (operators.TryGetValue("$in", out var list) && list is BsonArray values && values.All(IsPoint))
            return new IndexBounds([.. values.Distinct(BsonValueComparer.Instance)], null, false, null, false);
        BsonValue? low = null, high = null;
        bool lowInclusive = true, highInclusive = true;
        foreach (var element in operators)
        {
            switch (element.Name)
            {
                case "$gt" or "$gte" when Bracket(element.Value) is not null:
                    low = element.Value;
                    lowInclusive = element.Name == "$gte";
                    break;
                case "$lt" or "$lte" when Bracket(element.Value) is not null:
                    high = element.Value;
                    highInclusive = element.Name == "$lte";
                    break;
            }
        }
        if (low is null && high is null) return null;
        if (low is not null && high is not null && BsonValueComparer.TypeRank(low) != BsonValueComparer.TypeRank(high)) high = null;
        var bracket = Bracket(low ?? high!)!.Value;
        return high is null
            ? new IndexBounds(null, low, lowInclusive, bracket.Max, bracket.MaxInclusive)
            : new IndexBounds(null, low ?? bracket.Min, low is null || lowInclusive, high, highInclusive);
    }

    /// <summary>
    /// A value whose equality matches are exactly the documents filed under it: not an array (which also matches
    /// documents holding it as an element), a regex (a pattern), or null-like values the index files elsewhere.
    /// </summary>
    private static bool IsPoint(BsonValue value) =>
        value.BsonType is not (BsonType.Array or BsonType.RegularExpression or BsonType.Undefined or BsonType.MinKey or BsonType.MaxKey)
        && !(value is BsonDocument document && document.Names.Any(n => n.StartsWith('$')));

    /// <summary>
    /// The smallest key of a value's type and the end of its type, which a one-sided comparison ranges to (strings end
    /// before the smallest object, the next type in MongoDB's order).
    /// </summary>
    private static (BsonValue Min, BsonValue Max, bool MaxInclusive)? Bracket(BsonValue value) => value.BsonType switch
    {
        BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 when !double.IsNaN(value.ToDouble()) =>
            (new BsonDouble(double.NegativeInfinity), new BsonDouble(double.PositiveInfinity), true),
        BsonType.String => (new BsonString(""), new BsonDocument(), false),
        BsonType.DateTime => (new BsonDateTime(long.MinValue), new BsonDateTime(long.MaxValue), true),
        _ => null,
    };
}
