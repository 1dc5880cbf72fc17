using ActorCloud.Documents.Bson;

namespace ActorCloud.Documents.Updates;

/// <summary>One operator applied to one path, validated when the update is parsed.</summary>
internal abstract class UpdateOperation(FieldPath path)
{
    /// <summary>The path written; operations are applied in this path's order.</summary>
    public FieldPath Path { get; } = path;

    /// <summary>Every path the operation reads or writes, checked against the others for conflicts.</summary>
    public virtual IEnumerable<FieldPath> TouchedPaths => [Path];

    public abstract void Apply(UpdateContext context);
}
