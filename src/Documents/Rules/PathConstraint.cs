using MongoDB.Bson;

namespace ActorCloud.Documents.Rules;

/// <summary>
/// What one branch of a query says about one path: equalities, <c>$in</c> sets, exclusions (<c>$ne</c>,
/// <c>$nin</c>) and bounds, all of which hold together. Fields are treated as scalars (as CloudBase's rule engine
/// does), so a path with two different equalities matches nothing and either equality may prove a comparison;
/// everything else is judged on the values the constraints leave open.
/// Mutable only while <see cref="QueryNormalForm"/> builds it.
/// </summary>
internal sealed class PathConstraint
{
    private readonly List<BsonValue> _equalities = [];
    private readonly List<BsonValue[]> _sets = [];
    private readonly List<BsonValue> _exclusions = [];
    private readonly List<QueryBound> _bounds = [];

    /// <summary>The value every matched document holds on this path, when the query fixes one.</summary>
    public BsonValue? Determined =>
        _equalities.Count > 0 && _equalities.TrueForAll(e => RuleOperators.Equal(e, _equalities[0])) ? _equalities[0] : null;

    public void AddEquality(BsonValue value) => _equalities.Add(value);

    public void AddSet(BsonValue[] values) => _sets.Add(values);

    public void AddExclusion(BsonValue value) => _exclusions.Add(value);

    public void AddBound(QueryBound bound) => _bounds.Add(bound);

    public void Merge(PathConstraint other)
    {
        _equalities.AddRange(other._equalities);
        _sets.AddRange(other._sets);
        _exclusions.AddRange(other._exclusions);
        _bounds.AddRange(other._bounds);
    }

    public PathConstraint Clone()
    {
        var copy = new PathConstraint();
        copy.Merge(this);
        return copy;
    }

    /// <summary>Whether <c>field op x</c> holds for every value this constraint allows.</summary>
    public Truth Test(BinaryOp op, BsonValue x) =>
        Decide(value => RuleOperators.Compare(op, value, x), () => Open(op, x));

    /// <summary>Whether <c>field in values</c> holds for every value this constraint allows.</summary>
    public Truth TestIn(BsonArray values) =>
        Decide(value => RuleOperators.Contains(values, value), () => values.All(v => !Admits(v, firstSet: 0)) ? Truth.False : Truth.Unknown);

    private Truth Decide(Func<BsonValue, bool> holds, Func<Truth> open)
    {
        if (_equalities.Count > 0) return _equalities.Exists(e => holds(e)) ? Truth.True : Truth.False;
        if (_sets.Count == 0) return open();
        var holding = 0;
        var failing = 0;
        foreach (var candidate in _sets[0])
        {
            if (!Admits(candidate, firstSet: 1)) continue;
            if (holds(candidate)) holding++;
            else failing++;
        }
        // No candidate left would mean no scalar matches, but an array field still can: prove nothing then.
        return (holding, failing) switch
        {
            ( > 0, 0) => Truth.True,
            (0, > 0) => Truth.False,
            _ => Truth.Unknown,
        };
    }

    private bool Admits(BsonValue value, int firstSet)
    {
        for (var i = firstSet; i < _sets.Count; i++)
        {
            if (!Array.Exists(_sets[i], v => RuleOperators.Equal(v, value))) return false;
        }
        return !Excluded(value) && _bounds.TrueForAll(b => b.Admits(value));
    }

    private bool Excluded(BsonValue value) => _exclusions.Exists(e => RuleOperators.Equal(e, value));

    /// <summary>Only exclusions and bounds are known: reason over the interval they leave.</summary>
    private Truth Open(BinaryOp op, BsonValue x)
    {
        var outside = Excluded(x) || !_bounds.TrueForAll(b => b.Admits(x));
        switch (op)
        {
            case BinaryOp.Equal: return outside ? Truth.False : Truth.Unknown;
            case BinaryOp.NotEqual: return outside ? Truth.True : Truth.Unknown;
        }
        // Every matched value has a bound's kind; ordering against another kind is false.
        if (!_bounds.TrueForAll(b => b.SameKind(x))) return Truth.False;
        if (_bounds.Exists(b => b.Proves(op, x))) return Truth.True;
        return _bounds.Exists(b => b.Proves(Opposite(op), x)) ? Truth.False : Truth.Unknown;
    }

    private static BinaryOp Opposite(BinaryOp op) => op switch
    {
        BinaryOp.Greater => BinaryOp.LessOrEqual,
        BinaryOp.GreaterOrEqual => BinaryOp.Less,
        BinaryOp.Less => BinaryOp.GreaterOrEqual,
        _ => BinaryOp.Greater,
    };
}
