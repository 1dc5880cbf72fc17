using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Updates.Operations;

/// <summary><c>$currentDate</c>: the update's clock reading as a date, or as a timestamp when asked.</summary>
internal sealed class CurrentDateOperation : UpdateOperation
{
    private readonly bool _asTimestamp;

    private CurrentDateOperation(FieldPath path, bool asTimestamp) : base(path) => _asTimestamp = asTimestamp;

    public static CurrentDateOperation Parse(FieldPath path, BsonValue operand)
    {
        switch (operand)
        {
            case BsonBoolean:
                return new CurrentDateOperation(path, asTimestamp: false);
            case BsonDocument { ElementCount: 1 } spec when spec.GetElement(0) is { Name: "$type", Value: BsonString type }
                                                            && type.Value is "date" or "timestamp":
                return new CurrentDateOperation(path, type.Value == "timestamp");
            default:
                throw DocumentException.InvalidParam(
                    $"{UpdateOperands.Describe(path.Text, operand)} is not valid type for $currentDate. " +
                    "Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).");
        }
    }

    public override void Apply(UpdateContext context)
    {
        var now = context.Now.ToUniversalTime();
        BsonValue value = _asTimestamp
            ? new BsonTimestamp((int)new DateTimeOffset(now).ToUnixTimeSeconds(), 1)
            : new BsonDateTime(now);
        context.Write(Path, value);
    }
}
