using MongoDB.Bson;

namespace ActorCloud.Documents.Projections;

/// <summary>
/// A compiled find() projection (the SDK's <c>field()</c>): inclusion or exclusion by dot path (through arrays of
/// sub-documents), <c>$slice</c> and top-level <c>$elemMatch</c>. <see cref="Apply"/> builds a new document and
/// never modifies its input; values it passes through unchanged are shared with the input, so treat the result
/// as immutable too.
/// </summary>
public sealed class Projection
{
    private readonly ProjectionNode? _root;
    private readonly bool _inclusion;
    private readonly (string Field, Func<BsonValue, bool> Predicate)[] _elemMatches;

    private Projection(ProjectionNode? root, bool inclusion)
    {
        _root = root;
        _inclusion = inclusion;
        _elemMatches = root is null
            ? []
            : [.. root.Children.Where(c => c.Value.Action == ProjectionAction.ElemMatch).Select(c => (c.Key, c.Value.ElemMatch!))];
    }

    public static Projection Identity { get; } = new(null, false);

    /// <summary>True when the projection keeps documents as they are.</summary>
    public bool IsIdentity => _root is null;

    /// <summary>Compiles a projection; null or empty is the identity.</summary>
    public static Projection Compile(BsonDocument? spec)
    {
        if (spec is null || spec.ElementCount == 0) return Identity;
        var compiler = new ProjectionCompiler();
        compiler.Compile(spec);
        return new Projection(compiler.Root, compiler.IsInclusion);
    }

    public BsonDocument Apply(BsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (_root is null) return new BsonDocument(document.Elements);
        var result = _inclusion ? IncludeDocument(document, _root) : ExcludeDocument(document, _root);
        // MongoDB 4.4+ places $elemMatch results after the other fields.
        foreach (var (field, predicate) in _elemMatches)
        {
            if (document.TryGetValue(field, out var value) && value is BsonArray array && FirstMatch(array, predicate) is { } match)
                result[field] = new BsonArray { match };
        }
        return result;
    }

    private static BsonValue? FirstMatch(BsonArray array, Func<BsonValue, bool> predicate)
    {
        foreach (var element in array)
        {
            if (predicate(element)) return element;
        }
        return null;
    }

    private static BsonDocument IncludeDocument(BsonDocument document, ProjectionNode node)
    {
        var result = new BsonDocument();
        foreach (var element in document)
        {
            if (!node.Children.TryGetValue(element.Name, out var child)) continue;
            var projected = child.Action switch
            {
                ProjectionAction.Include => element.Value,
                ProjectionAction.Slice => child.Slice!.Apply(element.Value),
                null => IncludeValue(element.Value, child),
                _ => null,
            };
            if (projected is not null) result.Add(element.Name, projected);
        }
        return result;
    }

    /// <summary>Below an included path, sub-documents are projected, arrays projected element-wise, scalars dropped.</summary>
    private static BsonValue? IncludeValue(BsonValue value, ProjectionNode node) => value switch
    {
        BsonDocument document => IncludeDocument(document, node),
        BsonArray array => new BsonArray(array.Select(v => IncludeValue(v, node)).OfType<BsonValue>()),
        _ => null,
    };

    private static BsonDocument ExcludeDocument(BsonDocument document, ProjectionNode node)
    {
        var result = new BsonDocument();
        foreach (var element in document)
        {
            if (!node.Children.TryGetValue(element.Name, out var child))
            {
                result.Add(element);
                continue;
            }
            var projected = child.Action switch
            {
                ProjectionAction.Include => element.Value,
                ProjectionAction.Slice => child.Slice!.Apply(element.Value),
                null => ExcludeValue(element.Value, child),
                _ => null,
            };
            if (projected is not null) result.Add(element.Name, projected);
        }
        return result;
    }

    /// <summary>Below an excluded path, sub-documents are projected, arrays element-wise, scalars kept.</summary>
    private static BsonValue ExcludeValue(BsonValue value, ProjectionNode node) => value switch
    {
        BsonDocument document => ExcludeDocument(document, node),
        BsonArray array => new BsonArray(array.Select(v => ExcludeValue(v, node))),
        _ => value,
    };
}
