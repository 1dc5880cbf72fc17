using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// <c>$project</c>, <c>$addFields</c> and <c>$set</c>, in MongoDB's two passes: first the input is cut down (an
/// inclusion keeps only the named fields, an exclusion drops them, <c>$addFields</c> keeps everything), then the
/// computed fields are written in specification order, replacing a field in place or appending it. A computed
/// field that evaluates to missing (<c>$$REMOVE</c>) is removed. Streams.
/// </summary>
internal sealed class ProjectStage : PipelineStage
{
    private readonly ProjectionTree _root;
    private readonly Func<BsonDocument, BsonDocument> _cut;

    private ProjectStage(ProjectionTree root, Func<BsonDocument, BsonDocument> cut)
    {
        _root = root;
        _cut = cut;
    }

    public static ProjectStage ParseProject(BsonValue argument, PipelineVariables variables)
    {
        var parser = new ProjectionSpecParser("$project", isProject: true, variables);
        parser.Parse(StageArguments.Object("$project", argument));
        var root = parser.Root;
        return parser.IsExclusion
            ? new ProjectStage(root, document => Exclude(document, root))
            : new ProjectStage(root, document => Include(document, root));
    }

    public static ProjectStage ParseAddFields(string stage, BsonValue argument, PipelineVariables variables)
    {
        var parser = new ProjectionSpecParser(stage, isProject: false, variables);
        parser.Parse(StageArguments.Object(stage, argument));
        return new ProjectStage(parser.Root, document => document);
    }

    public override IEnumerable<BsonDocument> Apply(IEnumerable<BsonDocument> input, AggregationContext context)
    {
        foreach (var document in input)
        {
            var cut = _cut(document);
            yield return _root.HasComputed ? Compute(cut, _root, document) : cut;
        }
    }

    private static BsonDocument Include(BsonDocument document, ProjectionTree level)
    {
        var result = new BsonDocument();
        foreach (var element in document)
        {
            if (!level.Fields.TryGetValue(element.Name, out var entry)) continue;
            var kept = entry.Kind switch
            {
                ProjectionKind.Include => element.Value,
                ProjectionKind.Nested => IncludeValue(element.Value, entry.Children!),
                _ => null,
            };
            if (kept is not null) result.Add(element.Name, kept);
        }
        return result;
    }

    /// <summary>Below an included path, sub-documents are cut down, arrays element by element, and scalars dropped.</summary>
    private static BsonValue? IncludeValue(BsonValue value, ProjectionTree level) => value switch
    {
        BsonDocument document => Include(document, level),
        BsonArray array => new BsonArray(array.Select(v => IncludeValue(v, level)).OfType<BsonValue>()),
        _ => null,
    };

    private static BsonDocument Exclude(BsonDocument document, ProjectionTree level)
    {
        var result = new BsonDocument();
        foreach (var element in document)
        {
            if (!level.Fields.TryGetValue(element.Name, out var entry)) result.Add(element);
            else if (entry.Kind == ProjectionKind.Nested) result.Add(element.Name, ExcludeValue(element.Value, entry.Children!));
        }
        return result;
    }

    /// <summary>Below an excluded path, sub-documents are cut down, arrays element by element, and scalars kept.</summary>
    private static BsonValue ExcludeValue(BsonValue value, ProjectionTree level) => value switch
    {
        BsonDocument document => Exclude(document, level),
        BsonArray array => new BsonArray(array.Select(v => ExcludeValue(v, level))),
        _ => value,
    };

    /// <summary>
    /// Writes the computed fields of <paramref name="level"/> into a copy of <paramref name="target"/>; expressions see
    /// the whole input document.
    /// </summary>
    private static BsonDocument Compute(BsonDocument target, ProjectionTree level, BsonDocument root)
    {
        var result = new BsonDocument(target);
        foreach (var (name, entry) in level.Fields)
        {
            if (entry.Kind == ProjectionKind.Computed)
            {
                if (entry.Expression!.EvaluateOrMissing(root) is { } value) result[name] = value;
                else result.Remove(name);
            }
            else if (entry.Kind == ProjectionKind.Nested && entry.Children!.HasComputed)
            {
                result[name] = ComputeValue(result.TryGetValue(name, out var existing) ? existing : null, entry.Children, root);
            }
        }
        return result;
    }

    /// <summary>
    /// Computed fields below a path reach into sub-documents and into every element of arrays; any other value,
    /// or none, is replaced by a document of just the computed fields (<c>{"a.b": 1}</c> turns <c>a: 5</c> into
    /// <c>a: {b: 1}</c>).
    /// </summary>
    private static BsonValue ComputeValue(BsonValue? value, ProjectionTree level, BsonDocument root) => value switch
    {
        BsonDocument document => Compute(document, level, root),
        BsonArray array => new BsonArray(array.Select(v => ComputeValue(v, level, root))),
        _ => Compute([], level, root),
    };
}
