using MongoDB.Bson;

namespace ActorCloud.Documents.Rules;

/// <summary>One conjunction of a query in disjunctive normal form: the constraints it puts on each dotted path.</summary>
internal sealed class QueryBranch
{
    private readonly Dictionary<string, PathConstraint> _paths = new(StringComparer.Ordinal);

    public static QueryBranch On(string path, PathConstraint constraint)
    {
        var branch = new QueryBranch();
        branch._paths[path] = constraint;
        return branch;
    }

    public QueryBranch Clone()
    {
        var copy = new QueryBranch();
        foreach (var (path, constraint) in _paths) copy._paths[path] = constraint.Clone();
        return copy;
    }

    /// <summary>Adds <paramref name="other"/>'s constraints to this branch (both must hold).</summary>
    public void And(QueryBranch other)
    {
        foreach (var (path, constraint) in other._paths)
        {
            if (_paths.TryGetValue(path, out var mine)) mine.Merge(constraint);
            else _paths[path] = constraint.Clone();
        }
    }

    /// <summary>
    /// The constraint on <paramref name="path"/>: its own, plus what an equality on an enclosing path implies
    /// (<c>{a: {b: 1}}</c> fixes <c>a.b</c>). A constraint on <c>a.b</c> says nothing about <c>a</c>.
    /// </summary>
    public PathConstraint ConstraintOn(string path)
    {
        var result = _paths.TryGetValue(path, out var own) ? own.Clone() : new PathConstraint();
        for (var dot = path.IndexOf('.'); dot > 0; dot = path.IndexOf('.', dot + 1))
        {
            if (!_paths.TryGetValue(path[..dot], out var enclosing) || enclosing.Determined is not { } value) continue;
            result.AddEquality(Walk(value, path[..dot], path[(dot + 1)..]));
        }
        return result;
    }

    /// <summary>Reads a sub-path of a fixed value with the rules' own member access (a missing field is null).</summary>
    private static BsonValue Walk(BsonValue value, string prefix, string rest)
    {
        var current = value;
        var at = prefix;
        foreach (var name in rest.Split('.'))
        {
            current = current switch
            {
                BsonDocument document => document.GetValue(name, BsonNull.Value),
                BsonArray array when int.TryParse(name, out var index) && index >= 0 =>
                    index < array.Count ? array[index] : BsonNull.Value,
                _ => throw new RuleDenial($"cannot read '{name}' of doc.{at}, which the query fixes to {RuleOperators.Kind(current)}"),
            };
            at = $"{at}.{name}";
        }
        return current;
    }
}
