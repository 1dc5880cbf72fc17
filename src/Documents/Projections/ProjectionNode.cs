using MongoDB.Bson;

namespace ActorCloud.Documents.Projections;

/// <summary>
/// One level of a compiled projection: either a leaf with an action, or children by field name (the dot paths
/// <c>a.b</c> and <c>a.c</c> share the node for <c>a</c>).
/// </summary>
internal sealed class ProjectionNode
{
    private ProjectionNode(ProjectionAction? action, ProjectionSlice? slice, Func<BsonValue, bool>? elemMatch)
    {
        Action = action;
        Slice = slice;
        ElemMatch = elemMatch;
    }

    /// <summary>Null for an interior node.</summary>
    public ProjectionAction? Action { get; }

    public ProjectionSlice? Slice { get; }

    public Func<BsonValue, bool>? ElemMatch { get; }

    public Dictionary<string, ProjectionNode> Children { get; } = new(StringComparer.Ordinal);

    public static ProjectionNode Interior() => new(null, null, null);

    public static ProjectionNode Leaf(ProjectionAction action) => new(action, null, null);

    public static ProjectionNode SliceLeaf(ProjectionSlice slice) => new(ProjectionAction.Slice, slice, null);

    public static ProjectionNode ElemMatchLeaf(Func<BsonValue, bool> predicate) => new(ProjectionAction.ElemMatch, null, predicate);
}
