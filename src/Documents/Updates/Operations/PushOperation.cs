using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Updates.Operations;

/// <summary>
/// <c>$push</c> with its modifiers, applied in MongoDB's order: insert at <c>$position</c>, then <c>$sort</c>,
/// then <c>$slice</c>.
/// </summary>
internal sealed class PushOperation : UpdateOperation
{
    private readonly BsonValue[] _each;
    private readonly long? _position;
    private readonly PushSortOrder? _sort;
    private readonly long? _slice;

    private PushOperation(FieldPath path, BsonValue[] each, long? position, PushSortOrder? sort, long? slice) : base(path)
    {
        _each = each;
        _position = position;
        _sort = sort;
        _slice = slice;
    }

    public static PushOperation Parse(FieldPath path, BsonValue operand)
    {
        if (operand is not BsonDocument modifiers || !modifiers.Contains("$each"))
        {
            if (operand is BsonDocument d && d.Names.Any(n => n is "$slice" or "$sort" or "$position"))
                throw DocumentException.InvalidParam($"$push modifiers require $each: {UpdateOperands.Describe(path.Text, operand)}");
            UpdateOperands.ValidateStorable(operand, path.Text);
            return new PushOperation(path, [operand], null, null, null);
        }

        BsonValue[] each = [];
        long? position = null, slice = null;
        PushSortOrder? sort = null;
        foreach (var element in modifiers)
        {
            var value = element.Value;
            switch (element.Name)
            {
                case "$each":
                    if (value is not BsonArray array)
                        throw DocumentException.InvalidParam($"The argument to $each in $push must be an array but it was of type: {UpdateOperands.TypeName(value)}");
                    UpdateOperands.ValidateStorable(array, path.Text);
                    each = [.. array];
                    break;
                case "$slice":
                    slice = UpdateOperands.TryInteger(value, out var n) ? n
                        : throw DocumentException.InvalidParam($"The value for $slice must be an integer value but was given type: {UpdateOperands.TypeName(value)}");
                    break;
                case "$position":
                    position = UpdateOperands.TryInteger(value, out var p) ? p
                        : throw DocumentException.InvalidParam($"The value for $position must be an integer value, not of type: {UpdateOperands.TypeName(value)}");
                    break;
                case "$sort":
                    sort = PushSortOrder.Parse(value);
                    break;
                default:
                    throw DocumentException.InvalidParam($"Unrecognized clause in $push: {element.Name}");
            }
        }
        return new PushOperation(path, each, position, sort, slice);
    }

    public override void Apply(UpdateContext context)
    {
        var current = context.Read(Path);
        if (current is not null and not BsonArray)
        {
            throw DocumentException.RequestFailed(
                $"The field '{Path}' must be an array but is of type {UpdateOperands.TypeName(current)} in document {context.DescribeDocument()}");
        }
        var elements = current is BsonArray existing ? new List<BsonValue>(existing) : [];
        elements.InsertRange(InsertionIndex(elements.Count), _each.Select(UpdateOperands.Copy));
        IEnumerable<BsonValue> result = elements;
        if (_sort is not null) result = result.OrderBy(v => v, _sort);
        if (_slice is { } slice)
        {
            result = slice >= 0
                ? result.Take((int)Math.Min(slice, int.MaxValue))
                : result.Skip((int)Math.Max(0, elements.Count + slice));
        }
        context.Store(Path, current, new BsonArray(result));
    }

    private int InsertionIndex(int count) => _position switch
    {
        null => count,
        >= 0 and var p => (int)Math.Min(p, count),
        var p => (int)Math.Max(0, count + p.Value),
    };
}
