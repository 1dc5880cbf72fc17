using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Updates.Operations;

/// <summary><c>$inc</c> and <c>$mul</c>.</summary>
internal sealed class ArithmeticOperation : UpdateOperation
{
    private readonly BsonValue _operand;
    private readonly bool _multiply;

    private ArithmeticOperation(FieldPath path, BsonValue operand, bool multiply) : base(path)
    {
        _operand = operand;
        _multiply = multiply;
    }

    private string OperatorName => _multiply ? "$mul" : "$inc";

    public static ArithmeticOperation Increment(FieldPath path, BsonValue operand)
    {
        if (!BsonValueComparer.IsNumber(operand))
            throw DocumentException.InvalidParam($"Cannot increment with non-numeric argument: {UpdateOperands.Describe(path.Text, operand)}");
        return new ArithmeticOperation(path, operand, multiply: false);
    }

    public static ArithmeticOperation Multiply(FieldPath path, BsonValue operand)
    {
        if (!BsonValueComparer.IsNumber(operand))
            throw DocumentException.InvalidParam($"Cannot multiply with non-numeric argument: {UpdateOperands.Describe(path.Text, operand)}");
        return new ArithmeticOperation(path, operand, multiply: true);
    }

    public override void Apply(UpdateContext context)
    {
        var current = context.Read(Path);
        if (current is null)
        {
            context.Write(Path, _multiply ? NumericArithmetic.ZeroLike(_operand) : _operand);
            return;
        }
        if (!BsonValueComparer.IsNumber(current))
        {
            throw DocumentException.RequestFailed(
                $"Cannot apply {OperatorName} to a value of non-numeric type. {context.DescribeDocument()} has the field " +
                $"'{Path.Segments[^1]}' of non-numeric type {UpdateOperands.TypeName(current)}");
        }
        var result = (_multiply ? NumericArithmetic.Multiply(current, _operand) : NumericArithmetic.Add(current, _operand))
            ?? throw DocumentException.RequestFailed(
                $"Failed to apply {OperatorName} operations to current value ({UpdateOperands.Json(current)}) for document {context.DescribeDocument()}");
        context.Store(Path, current, result);
    }
}
