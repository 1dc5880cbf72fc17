using MongoDB.Bson;

namespace ActorCloud.Documents.Rules;

/// <summary>
/// Turns a client's MongoDB filter into a disjunction of <see cref="QueryBranch"/>es so a rule can be checked
/// against every document the filter could match. Only conditions that pin values down become constraints
/// (equality, <c>$in</c>, <c>$nin</c>, <c>$ne</c>, bounds, <c>$and</c>, <c>$or</c>); every other operator is
/// dropped, which can only widen the matched set and so never lets a rule pass that should not.
/// </summary>
internal static class QueryNormalForm
{
    public const int MaxBranches = 64;

    /// <summary>Larger <c>$in</c>/<c>$nin</c> lists are dropped, keeping each check's cost bounded.</summary>
    public const int MaxSetSize = 256;

    private const int MaxDepth = 100;

    /// <summary>The branches, or null when the expansion would exceed <see cref="MaxBranches"/>.</summary>
    public static IReadOnlyList<QueryBranch>? Of(BsonDocument filter) => Conjunction(filter, 0);

    private static List<QueryBranch>? Conjunction(BsonDocument filter, int depth)
    {
        if (depth > MaxDepth) return null;
        List<QueryBranch>? result = [new QueryBranch()];
        foreach (var element in filter)
        {
            var part = Element(element, depth);
            if (part is null) return null;
            result = Cross(result, part);
            if (result is null) return null;
        }
        return result;
    }

    private static List<QueryBranch>? Element(BsonElement element, int depth)
    {
        switch (element.Name)
        {
            case "$and" when element.Value is BsonArray items:
                List<QueryBranch>? all = [new QueryBranch()];
                foreach (var item in items.OfType<BsonDocument>())
                {
                    var part = Conjunction(item, depth + 1);
                    all = part is null ? null : Cross(all, part);
                    if (all is null) return null;
                }
                return all;
            case "$or" when element.Value is BsonArray { Count: > 0 } items && items.All(i => i is BsonDocument):
                var any = new List<QueryBranch>();
                foreach (var item in items)
                {
                    var part = Conjunction(item.AsBsonDocument, depth + 1);
                    if (part is null || any.Count + part.Count > MaxBranches) return null;
                    any.AddRange(part);
                }
                return any;
            case var name when name.StartsWith('$'):
                return [new QueryBranch()];
            default:
                return [QueryBranch.On(element.Name, Constraint(element.Value))];
        }
    }

    private static List<QueryBranch>? Cross(List<QueryBranch> left, List<QueryBranch> right)
    {
        if (right.Count == 1)
        {
            foreach (var branch in left) branch.And(right[0]);
            return left;
        }
        if (left.Count * right.Count > MaxBranches) return null;
        var result = new List<QueryBranch>(left.Count * right.Count);
        foreach (var l in left)
        {
            foreach (var r in right)
            {
                var branch = l.Clone();
                branch.And(r);
                result.Add(branch);
            }
        }
        return result;
    }

    private static PathConstraint Constraint(BsonValue condition)
    {
        var constraint = new PathConstraint();
        if (condition is BsonDocument { ElementCount: > 0 } operators && operators.GetElement(0).Name.StartsWith('$'))
        {
            foreach (var op in operators) AddOperator(constraint, op);
        }
        else if (condition is not BsonRegularExpression)
        {
            constraint.AddEquality(condition);
        }
        return constraint;
    }

    private static void AddOperator(PathConstraint constraint, BsonElement op)
    {
        var value = op.Value;
        switch (op.Name)
        {
            case "$eq" when Plain(value):
                constraint.AddEquality(value);
                break;
            case "$ne" when Plain(value):
                constraint.AddExclusion(value);
                break;
            case "$in" when value is BsonArray { Count: <= MaxSetSize } set && set.All(Plain):
                if (set.Count == 1) constraint.AddEquality(set[0]);
                else constraint.AddSet([.. set]);
                break;
            case "$nin" when value is BsonArray { Count: <= MaxSetSize } set:
                foreach (var excluded in set.Where(Plain)) constraint.AddExclusion(excluded);
                break;
            case "$gt" or "$gte" or "$lt" or "$lte" when Plain(value) && value.BsonType is not (BsonType.MinKey or BsonType.MaxKey):
                constraint.AddBound(new QueryBound(value, IsLower: op.Name.StartsWith("$g", StringComparison.Ordinal), Inclusive: op.Name.EndsWith('e')));
                break;
        }
    }

    /// <summary>A regex in a condition matches strings by pattern, so it pins no value down.</summary>
    private static bool Plain(BsonValue value) => value is not BsonRegularExpression;
}
