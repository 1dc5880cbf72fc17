using ActorCloud.Documents.Bson;

namespace ActorCloud.Documents.Query;

/// <summary>
/// A compiled operator document such as <c>{$gt: 1, $not: {$size: 2}}</c>, kept abstract over where it is applied:
/// along a field path (array traversal, path-level negation) or to one array element (<c>$elemMatch</c>, <c>$pull</c>).
/// </summary>
internal abstract class ConditionNode
{
    public abstract DocumentMatcher OnPath(FieldPath path);

    public abstract ValueMatcher OnValue();
}

internal sealed class LeafCondition(ValueMatcher matcher) : ConditionNode
{
    public override DocumentMatcher OnPath(FieldPath path) => new PathMatcher(path, matcher);

    public override ValueMatcher OnValue() => matcher;
}

internal sealed class NegatedCondition(ConditionNode inner) : ConditionNode
{
    public override DocumentMatcher OnPath(FieldPath path) => new NotMatcher(inner.OnPath(path));

    public override ValueMatcher OnValue() => new NotValueMatcher(inner.OnValue());
}

internal sealed class ConjunctionCondition(ConditionNode[] parts) : ConditionNode
{
    public override DocumentMatcher OnPath(FieldPath path)
    {
        if (parts.Length == 1) return parts[0].OnPath(path);
        var matchers = new DocumentMatcher[parts.Length];
        for (var i = 0; i < parts.Length; i++) matchers[i] = parts[i].OnPath(path);
        return new AndMatcher(matchers);
    }

    public override ValueMatcher OnValue()
    {
        if (parts.Length == 1) return parts[0].OnValue();
        var matchers = new ValueMatcher[parts.Length];
        for (var i = 0; i < parts.Length; i++) matchers[i] = parts[i].OnValue();
        return new AllOfValueMatcher(matchers);
    }
}
