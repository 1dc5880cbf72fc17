using ActorCloud.Documents.Indexes;

namespace ActorCloud.Actors.Collections;

/// <summary>One key of an index as journaled: the field path and CloudBase's direction (<c>"1"</c>, <c>"-1"</c>, <c>"2dsphere"</c>).</summary>
public sealed record IndexKeyDefinition(string Name, string Direction);

/// <summary>
/// An index as commands carry it and events journal it: plain strings, CloudBase's management-API vocabulary, so the
/// stored form never depends on the engine's types. <see cref="ToSpec"/> validates it.
/// </summary>
public sealed record IndexDefinition(string Name, IReadOnlyList<IndexKeyDefinition> Keys, bool Unique)
{
    public IndexSpec ToSpec() => IndexSpec.Create(Name, [.. Keys.Select(k => (k.Name, k.Direction))], Unique);

    public static IndexDefinition Of(IndexSpec spec) =>
        new(spec.Name, [.. spec.Fields.Select(f => new IndexKeyDefinition(f.Path, f.Direction))], spec.Unique);
}
