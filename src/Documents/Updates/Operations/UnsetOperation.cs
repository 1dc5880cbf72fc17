using ActorCloud.Documents.Bson;

namespace ActorCloud.Documents.Updates.Operations;

/// <summary><c>$unset</c>: the operand is ignored, as in MongoDB (the SDK sends an empty string).</summary>
internal sealed class UnsetOperation(FieldPath path) : UpdateOperation(path)
{
    public override void Apply(UpdateContext context) => context.Remove(Path);
}
