using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Updates.Operations;

/// <summary>
/// <c>$addToSet</c> (optionally with <c>$each</c>): appends the values not already present, by BSON equality
/// (numbers by value; documents only with the same fields in the same order).
/// </summary>
internal sealed class AddToSetOperation : UpdateOperation
{
    private readonly BsonValue[] _values;

    private AddToSetOperation(FieldPath path, BsonValue[] values) : base(path) => _values = values;

    public static AddToSetOperation Parse(FieldPath path, BsonValue operand)
    {
        IEnumerable<BsonValue> candidates = [operand];
        if (operand is BsonDocument document && document.Contains("$each"))
        {
            if (document.ElementCount != 1)
                throw DocumentException.InvalidParam($"Found unexpected fields after $each in $addToSet: {UpdateOperands.Json(document)}");
            if (document["$each"] is not BsonArray each)
                throw DocumentException.InvalidParam($"The argument to $each in $addToSet must be an array but it was of type {UpdateOperands.TypeName(document["$each"])}");
            candidates = each;
        }
        var seen = new HashSet<BsonValue>(BsonValueComparer.Instance);
        var values = candidates.Where(seen.Add).ToArray();
        foreach (var value in values) UpdateOperands.ValidateStorable(value, path.Text);
        return new AddToSetOperation(path, values);
    }

    public override void Apply(UpdateContext context)
    {
        var current = context.Read(Path);
        if (current is null)
        {
            context.Write(Path, new BsonArray(_values.Select(UpdateOperands.Copy)));
            return;
        }
        if (current is not BsonArray array)
        {
            throw DocumentException.RequestFailed(
                $"Cannot apply $addToSet to non-array field. Field named '{Path.Segments[^1]}' has non-array type {UpdateOperands.TypeName(current)}");
        }
        var present = new HashSet<BsonValue>(array, BsonValueComparer.Instance);
        var added = _values.Where(v => !present.Contains(v)).Select(UpdateOperands.Copy).ToList();
        if (added.Count == 0) return;
        context.Write(Path, new BsonArray(array.Concat(added)));
    }
}
