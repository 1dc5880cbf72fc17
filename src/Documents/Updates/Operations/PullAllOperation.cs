using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Updates.Operations;

/// <summary><c>$pullAll</c>: removes every element equal (BSON equality) to one of the listed values.</summary>
internal sealed class PullAllOperation : UpdateOperation
{
    private readonly HashSet<BsonValue> _values;

    private PullAllOperation(FieldPath path, HashSet<BsonValue> values) : base(path) => _values = values;

    public static PullAllOperation Parse(FieldPath path, BsonValue operand)
    {
        if (operand is not BsonArray values)
            throw DocumentException.InvalidParam($"$pullAll requires an array argument but was given a {UpdateOperands.TypeName(operand)}");
        return new PullAllOperation(path, new HashSet<BsonValue>(values, BsonValueComparer.Instance));
    }

    public override void Apply(UpdateContext context) => ArrayRemoval.RemoveWhere(context, Path, _values.Contains);
}
