using ActorCloud.Documents.Expressions;

namespace ActorCloud.Documents.Aggregation;

internal enum ProjectionKind
{
    Include,
    Exclude,
    Computed,
    Nested,
}

/// <summary>What a <c>$project</c>/<c>$addFields</c> specification says about one field name.</summary>
internal sealed class ProjectionEntry
{
    private ProjectionEntry(ProjectionKind kind, CompiledExpression? expression, ProjectionTree? children)
    {
        Kind = kind;
        Expression = expression;
        Children = children;
    }

    public ProjectionKind Kind { get; }

    /// <summary>Set for <see cref="ProjectionKind.Computed"/>.</summary>
    public CompiledExpression? Expression { get; }

    /// <summary>Set for <see cref="ProjectionKind.Nested"/>: the specification of the sub-document's fields.</summary>
    public ProjectionTree? Children { get; }

    public static ProjectionEntry Include { get; } = new(ProjectionKind.Include, null, null);

    public static ProjectionEntry Exclude { get; } = new(ProjectionKind.Exclude, null, null);

    public static ProjectionEntry Computed(CompiledExpression expression) => new(ProjectionKind.Computed, expression, null);

    public static ProjectionEntry Nested() => new(ProjectionKind.Nested, null, new ProjectionTree());
}

/// <summary>
/// The fields of one document level, in specification order (computed fields are added in that order), with
/// dotted names already split into nested levels.
/// </summary>
internal sealed class ProjectionTree
{
    public OrderedDictionary<string, ProjectionEntry> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether any field at or below this level is computed, i.e. whether the second pass has work here.</summary>
    public bool HasComputed { get; private set; }

    /// <summary>
    /// Settles <see cref="HasComputed"/> for this level and those below once the tree is built, so that every
    /// document, on any thread, reads a fixed answer instead of walking the tree again.
    /// </summary>
    public void Complete()
    {
        foreach (var entry in Fields.Values)
        {
            entry.Children?.Complete();
            HasComputed |= entry.Kind == ProjectionKind.Computed || entry.Children?.HasComputed == true;
        }
    }
}
