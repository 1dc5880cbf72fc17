using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Updates.Operations;

/// <summary><c>$min</c>/<c>$max</c>: replace the value when the operand is smaller/larger in the BSON order.</summary>
internal sealed class MinMaxOperation : UpdateOperation
{
    private readonly BsonValue _operand;
    private readonly bool _keepSmaller;

    public MinMaxOperation(FieldPath path, BsonValue operand, bool keepSmaller) : base(path)
    {
        UpdateOperands.ValidateStorable(operand, path.Text);
        _operand = operand;
        _keepSmaller = keepSmaller;
    }

    public override void Apply(UpdateContext context)
    {
        var current = context.Read(Path);
        if (current is not null)
        {
            var c = BsonValueComparer.Instance.Compare(_operand, current);
            if (_keepSmaller ? c >= 0 : c <= 0) return;
        }
        context.Write(Path, UpdateOperands.Copy(_operand));
    }
}
