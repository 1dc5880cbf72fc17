using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Query;
using MongoDB.Bson;

namespace ActorCloud.Documents.Projections;

/// <summary>
/// Builds the projection tree with MongoDB's find() rules: explicit 1/0 fields fix inclusion or exclusion (mixing
/// them is refused, <c>_id</c> aside); without any, <c>{_id: 1}</c> means inclusion, else <c>$slice</c> means
/// exclusion, else <c>$elemMatch</c> means inclusion.
/// </summary>
internal sealed class ProjectionCompiler
{
    private bool? _inclusion;
    private bool _idSpecified;
    private bool _idIncludedEntirely;
    private bool _hasSlice;
    private bool _hasElemMatch;

    public ProjectionNode Root { get; } = ProjectionNode.Interior();

    public bool IsInclusion => _inclusion == true;

    public void Compile(BsonDocument spec)
    {
        foreach (var element in spec)
        {
            _idSpecified |= element.Name == "_id" || element.Name.StartsWith("_id.", StringComparison.Ordinal);
            ParseElement(element.Name, element.Value, "", Root);
        }
        _inclusion ??= _idIncludedEntirely || (!_hasSlice && _hasElemMatch);
        if (_inclusion == true && !_idSpecified) Root.Children["_id"] = ProjectionNode.Leaf(ProjectionAction.Include);
        // {_id: 1} in an exclusion projection only restates the default.
        if (_inclusion == false && _idIncludedEntirely) Root.Children.Remove("_id");
    }

    private void ParseElement(string name, BsonValue value, string parentPath, ProjectionNode parent)
    {
        var fullName = parentPath.Length == 0 ? name : $"{parentPath}.{name}";
        var path = ParsePath(name, fullName);
        var isTopLevelId = name == "_id" && ReferenceEquals(parent, Root);
        switch (value)
        {
            case BsonDocument { ElementCount: 0 }:
                throw DocumentException.InvalidParam($"An empty sub-projection is not a valid value. Found empty object at path {fullName}");
            case BsonDocument { ElementCount: 1 } expression when expression.GetElement(0).Name.StartsWith('$'):
                ParseOperator(path, fullName, expression.GetElement(0), parent);
                break;
            case BsonDocument subProjection:
                var node = AddInterior(parent, path, fullName);
                foreach (var element in subProjection) ParseElement(element.Name, element.Value, fullName, node);
                break;
            case BsonBoolean or BsonInt32 or BsonInt64 or BsonDouble or BsonDecimal128:
                var include = value.ToBoolean();
                AddLeaf(parent, path, fullName, ProjectionNode.Leaf(include ? ProjectionAction.Include : ProjectionAction.Exclude));
                if (isTopLevelId) _idIncludedEntirely = include;
                else SetMode(include, name);
                break;
            default:
                throw DocumentException.InvalidParam(
                    $"projection value for '{fullName}' must be 1/0, true/false, $slice or $elemMatch; literal values are not supported");
        }
    }

    private void ParseOperator(FieldPath path, string fullName, BsonElement expression, ProjectionNode parent)
    {
        switch (expression.Name)
        {
            case "$slice":
                AddLeaf(parent, path, fullName, ProjectionNode.SliceLeaf(ProjectionSlice.Parse(expression.Value)));
                _hasSlice = true;
                break;
            case "$elemMatch":
                if (expression.Value is not BsonDocument condition)
                    throw DocumentException.InvalidParam($"elemMatch: Invalid argument, object required, but got {expression.Value.BsonType}");
                if (path.Segments.Count != 1 || !ReferenceEquals(parent, Root))
                    throw DocumentException.InvalidParam("Cannot use $elemMatch projection on a nested field.");
                AddLeaf(parent, path, fullName, ProjectionNode.ElemMatchLeaf(QueryFilter.CompileElementPredicate(condition)));
                _hasElemMatch = true;
                break;
            default:
                throw DocumentException.InvalidOperator($"Unsupported projection operator {expression.Name} at '{fullName}'");
        }
    }

    private void SetMode(bool include, string name)
    {
        if (_inclusion is { } inclusion && inclusion != include)
        {
            throw DocumentException.InvalidParam(include
                ? $"Cannot do inclusion on field {name} in exclusion projection"
                : $"Cannot do exclusion on field {name} in inclusion projection");
        }
        _inclusion = include;
    }

    private static FieldPath ParsePath(string name, string fullName)
    {
        var path = FieldPath.Parse(name);
        foreach (var segment in path.Segments)
        {
            if (segment == "$") throw DocumentException.InvalidParam($"positional projection '{fullName}' is not supported");
            if (segment[0] == '$') throw DocumentException.InvalidParam($"projection field '{fullName}' must not contain '$'-prefixed names");
        }
        return path;
    }

    private static ProjectionNode AddInterior(ProjectionNode parent, FieldPath path, string fullName)
    {
        var node = parent;
        foreach (var segment in path.Segments) node = Descend(node, segment, fullName);
        return node;
    }

    private static void AddLeaf(ProjectionNode parent, FieldPath path, string fullName, ProjectionNode leaf)
    {
        var node = parent;
        for (var i = 0; i < path.Segments.Count - 1; i++) node = Descend(node, path.Segments[i], fullName);
        if (!node.Children.TryAdd(path.Segments[^1], leaf)) throw DocumentException.InvalidParam($"Path collision at {fullName}");
    }

    private static ProjectionNode Descend(ProjectionNode node, string segment, string fullName)
    {
        if (node.Children.TryGetValue(segment, out var child))
        {
            if (child.Action is not null) throw DocumentException.InvalidParam($"Path collision at {fullName}");
            return child;
        }
        child = ProjectionNode.Interior();
        node.Children.Add(segment, child);
        return child;
    }
}
