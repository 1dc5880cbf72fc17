using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Updates.Operations;

/// <summary><c>$bit</c> (the SDK's <c>_.bit</c>): and/or/xor on int32/int64, a missing field counting as 0.</summary>
internal sealed class BitOperation : UpdateOperation
{
    private readonly (string Operator, BsonValue Operand)[] _steps;

    private BitOperation(FieldPath path, (string, BsonValue)[] steps) : base(path) => _steps = steps;

    public static BitOperation Parse(FieldPath path, BsonValue operand)
    {
        if (operand is not BsonDocument spec)
        {
            throw DocumentException.InvalidParam(
                $"The $bit modifier is not compatible with a {UpdateOperands.TypeName(operand)}. You must pass in an embedded document: {{$bit: {{field: {{and/or/xor: #}}}}}}");
        }
        if (spec.ElementCount == 0)
            throw DocumentException.InvalidParam("You must pass in at least one bitwise operation. The format is: {$bit: {field: {and/or/xor: #}}}");
        foreach (var element in spec)
        {
            if (element.Name is not ("and" or "or" or "xor"))
            {
                throw DocumentException.InvalidParam(
                    $"The $bit modifier only supports 'and', 'or', and 'xor', not '{element.Name}' which is an unknown operator: {UpdateOperands.Describe(element.Name, element.Value)}");
            }
            if (element.Value.BsonType is not (BsonType.Int32 or BsonType.Int64))
            {
                throw DocumentException.InvalidParam(
                    $"The $bit modifier field must be an Integer(32/64 bit); a '{UpdateOperands.TypeName(element.Value)}' is not supported here: {UpdateOperands.Describe(element.Name, element.Value)}");
            }
        }
        return new BitOperation(path, [.. spec.Select(e => (e.Name, e.Value))]);
    }

    public override void Apply(UpdateContext context)
    {
        var current = context.Read(Path);
        if (current is not null && current.BsonType is not (BsonType.Int32 or BsonType.Int64))
        {
            throw DocumentException.RequestFailed(
                $"Cannot apply $bit to a value of non-integral type.{context.DescribeDocument()} has the field {Path.Segments[^1]} of non-integer type {UpdateOperands.TypeName(current)}");
        }
        var wide = current?.BsonType == BsonType.Int64;
        var result = current?.ToInt64() ?? 0;
        foreach (var (op, operand) in _steps)
        {
            wide |= operand.BsonType == BsonType.Int64;
            var bits = operand.ToInt64();
            result = op switch
            {
                "and" => result & bits,
                "or" => result | bits,
                _ => result ^ bits,
            };
        }
        context.Store(Path, current, wide ? new BsonInt64(result) : new BsonInt32((int)result));
    }
}
