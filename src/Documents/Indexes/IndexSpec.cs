using System.Text.RegularExpressions;
using ActorCloud.Documents.Bson;

namespace ActorCloud.Documents.Indexes;

/// <summary>How one field of an index orders its keys: ascending, descending, or as a point on the sphere.</summary>
public enum IndexKind
{
    Ascending,
    Descending,
    Sphere2d,
}

public sealed record IndexField(string Path, IndexKind Kind)
{
    /// <summary>The direction as CloudBase's management API spells it (<c>"1"</c>, <c>"-1"</c>, <c>"2dsphere"</c>).</summary>
    public string Direction => Kind switch
    {
        IndexKind.Ascending => "1",
        IndexKind.Descending => "-1",
        _ => "2dsphere",
    };
}

/// <summary>
/// A collection index as CloudBase's management API declares it (<c>UpdateTable.CreateIndexes</c>: a name, up to 31
/// keys each ascending, descending or <c>2dsphere</c>, and whether it is unique). Validated here once, so the
/// collection entity only ever journals well-formed indexes.
/// </summary>
public sealed partial record IndexSpec(string Name, IReadOnlyList<IndexField> Fields, bool Unique)
{
    /// <summary>CloudBase's limits: at most 100 indexes on a collection, 31 fields in one.</summary>
    public const int MaxIndexes = 100;
    public const int MaxFields = 31;

    /// <summary>The index every collection has on <c>_id</c>; it cannot be created or dropped.</summary>
    public const string IdIndexName = "_id_";

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex NamePattern();

    public static IndexSpec Create(string name, IReadOnlyList<(string Path, string Direction)> keys, bool unique)
    {
        if (name == IdIndexName) throw DocumentException.InvalidParam($"index name '{IdIndexName}' is reserved for the _id index");
        if (!NamePattern().IsMatch(name))
            throw DocumentException.InvalidParam("an index name is 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
        if (keys.Count == 0) throw DocumentException.InvalidParam($"index '{name}' needs at least one key");
        if (keys.Count > MaxFields) throw DocumentException.InvalidParam($"index '{name}' has {keys.Count} keys; at most {MaxFields} are allowed");
        var fields = new List<IndexField>(keys.Count);
        foreach (var (path, direction) in keys)
        {
            var parsed = FieldPath.Parse(path);
            if (parsed.Segments.Any(s => s.StartsWith('$')))
                throw DocumentException.InvalidParam($"index key '{path}' must not contain '$'-prefixed names");
            if (fields.Any(f => f.Path == path)) throw DocumentException.InvalidParam($"index '{name}' names the key '{path}' twice");
            fields.Add(new IndexField(path, direction switch
            {
                "1" => IndexKind.Ascending,
                "-1" => IndexKind.Descending,
                "2dsphere" => IndexKind.Sphere2d,
                _ => throw DocumentException.InvalidParam($"index key '{path}' has direction '{direction}'; use \"1\", \"-1\" or \"2dsphere\""),
            }));
        }
        if (unique && fields.Any(f => f.Kind == IndexKind.Sphere2d))
            throw DocumentException.InvalidParam($"index '{name}': a 2dsphere index cannot be unique");
        return new IndexSpec(name, fields, unique);
    }

    public bool IsGeo => Fields.Any(f => f.Kind == IndexKind.Sphere2d);

    /// <summary>The same keys in the same order and directions: MongoDB refuses a second such index.</summary>
    public bool SameKeys(IndexSpec other) => Fields.SequenceEqual(other.Fields);
}
