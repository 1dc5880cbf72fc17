using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// Builds the <see cref="ProjectionTree"/> of a <c>$project</c> or <c>$addFields</c>. In <c>$project</c> a number or
/// boolean includes or excludes the field and anything else is an expression; in <c>$addFields</c> every value is an
/// expression. In both, an object whose first key is not an operator describes the sub-document's fields.
/// </summary>
internal sealed class ProjectionSpecParser(string stage, bool isProject, PipelineVariables variables)
{
    private string? _firstInclusion;
    private string? _firstExclusion;
    private string? _firstComputed;

    public ProjectionTree Root { get; } = new();

    /// <summary>Whether a <c>$project</c> excludes (true) rather than includes; set by <see cref="Parse"/>.</summary>
    public bool IsExclusion { get; private set; }

    public void Parse(BsonDocument spec)
    {
        if (spec.ElementCount == 0) throw StageArguments.Invalid(stage, "the specification must have at least one field");
        foreach (var element in spec) Add(Root, element.Name, element.Value, "");
        Root.Complete();
        if (!isProject) return;
        if (_firstExclusion is not null && (_firstInclusion ?? _firstComputed) is { } other)
            throw StageArguments.Invalid(stage, $"cannot mix exclusion of '{_firstExclusion}' with inclusion or computation of '{other}'");
        var idEntry = Root.Fields.GetValueOrDefault("_id");
        IsExclusion = _firstExclusion is not null || (idEntry?.Kind == ProjectionKind.Exclude && Root.Fields.Count == 1);
        // _id is kept unless excluded; restating it in an exclusion projection changes nothing.
        if (IsExclusion && idEntry?.Kind == ProjectionKind.Include) Root.Fields.Remove("_id");
        if (!IsExclusion && idEntry is null) Root.Fields.Add("_id", ProjectionEntry.Include);
    }

    private void Add(ProjectionTree level, string name, BsonValue value, string prefix)
    {
        var fullName = prefix.Length == 0 ? name : $"{prefix}.{name}";
        var path = FieldPath.Parse(name).Segments;
        if (path.Any(s => s[0] == '$')) throw StageArguments.Invalid(stage, $"field path '{fullName}' must not contain '$'-prefixed names");
        var parent = level;
        for (var i = 0; i < path.Count - 1; i++) parent = Descend(parent, path[i], fullName);
        var leaf = path[^1];
        if (value is BsonDocument { ElementCount: > 0 } sub && !sub.GetElement(0).Name.StartsWith('$'))
        {
            var nested = Descend(parent, leaf, fullName);
            foreach (var element in sub) Add(nested, element.Name, element.Value, fullName);
            return;
        }
        if (parent.Fields.ContainsKey(leaf)) throw StageArguments.Invalid(stage, $"path collision at '{fullName}'");
        parent.Fields.Add(leaf, Classify(value, fullName));
    }

    private ProjectionEntry Classify(BsonValue value, string fullName)
    {
        if (isProject && value is BsonDocument { ElementCount: 0 })
            throw StageArguments.Invalid(stage, $"an empty object is not a valid value for '{fullName}'");
        if (!isProject || !(value is BsonBoolean || BsonValueComparer.IsNumber(value)))
        {
            _firstComputed ??= fullName;
            return ProjectionEntry.Computed(variables.Compile(value));
        }
        var include = value.ToBoolean();
        // _id may be included in an exclusion projection and excluded in an inclusion one: it decides nothing.
        if (fullName != "_id")
        {
            if (include) _firstInclusion ??= fullName;
            else _firstExclusion ??= fullName;
        }
        return include ? ProjectionEntry.Include : ProjectionEntry.Exclude;
    }

    private ProjectionTree Descend(ProjectionTree level, string name, string fullName)
    {
        if (!level.Fields.TryGetValue(name, out var entry))
        {
            entry = ProjectionEntry.Nested();
            level.Fields.Add(name, entry);
        }
        return entry.Children ?? throw StageArguments.Invalid(stage, $"path collision at '{fullName}'");
    }
}
