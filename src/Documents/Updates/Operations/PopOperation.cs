using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Updates.Operations;

/// <summary><c>$pop</c>: 1 removes the last element, -1 the first.</summary>
internal sealed class PopOperation : UpdateOperation
{
    private readonly bool _fromFront;

    private PopOperation(FieldPath path, bool fromFront) : base(path) => _fromFront = fromFront;

    public static PopOperation Parse(FieldPath path, BsonValue operand)
    {
        if (!BsonValueComparer.IsNumber(operand))
            throw DocumentException.InvalidParam($"Expected a number in: {UpdateOperands.Describe(path.Text, operand)}");
        if (UpdateOperands.IsNumberEqualTo(operand, 1)) return new PopOperation(path, fromFront: false);
        if (UpdateOperands.IsNumberEqualTo(operand, -1)) return new PopOperation(path, fromFront: true);
        throw DocumentException.InvalidParam($"$pop expects 1 or -1, found: {UpdateOperands.Json(operand)}");
    }

    public override void Apply(UpdateContext context)
    {
        var current = context.Read(Path);
        if (current is null) return;
        if (current is not BsonArray array)
            throw DocumentException.RequestFailed($"Path '{Path}' contains an element of non-array type '{UpdateOperands.TypeName(current)}'");
        if (array.Count == 0) return;
        var remaining = _fromFront ? array.Skip(1) : array.Take(array.Count - 1);
        context.Write(Path, new BsonArray(remaining));
    }
}
