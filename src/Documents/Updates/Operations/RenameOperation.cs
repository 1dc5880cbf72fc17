using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Updates.Operations;

/// <summary><c>$rename</c>: moves a value between paths that do not pass through arrays.</summary>
internal sealed class RenameOperation : UpdateOperation
{
    private readonly FieldPath _from;

    private RenameOperation(FieldPath from, FieldPath to) : base(to) => _from = from;

    public override IEnumerable<FieldPath> TouchedPaths => [_from, Path];

    public static RenameOperation Parse(FieldPath from, BsonValue operand)
    {
        if (operand is not BsonString target)
            throw DocumentException.InvalidParam($"The 'to' field for $rename must be a string: {UpdateOperands.Describe(from.Text, operand)}");
        var to = UpdateOperators.ParsePath(target.Value);
        var quoted = UpdateOperands.Describe(from.Text, operand);
        if (to.Text == from.Text)
            throw DocumentException.InvalidParam($"The source and target field for $rename must differ: {quoted}");
        if (IsPrefix(from, to) || IsPrefix(to, from))
            throw DocumentException.InvalidParam($"The source and target field for $rename must not be on the same path: {quoted}");
        return new RenameOperation(from, to);
    }

    public override void Apply(UpdateContext context)
    {
        var value = ReadSource(context);
        if (value is null) return;
        CheckDestination(context);
        context.Remove(_from);
        context.Write(Path, value);
    }

    private BsonValue? ReadSource(UpdateContext context)
    {
        BsonValue current = context.Result;
        for (var i = 0; i < _from.Segments.Count; i++)
        {
            if (current is BsonArray) throw InsideArray("source", _from, context, _from.Segments[i - 1]);
            if (current is not BsonDocument document || !document.TryGetValue(_from.Segments[i], out var next)) return null;
            current = next;
        }
        return current;
    }

    private void CheckDestination(UpdateContext context)
    {
        BsonValue current = context.Result;
        for (var i = 0; i < Path.Segments.Count; i++)
        {
            if (current is BsonArray) throw InsideArray("destination", Path, context, Path.Segments[i - 1]);
            if (current is not BsonDocument document || !document.TryGetValue(Path.Segments[i], out var next)) return;
            current = next;
        }
    }

    private static DocumentException InsideArray(string role, FieldPath path, UpdateContext context, string arrayField) =>
        DocumentException.RequestFailed(
            $"The {role} field cannot be an array element, '{path}' in doc with {context.DescribeDocument()} has an array field called '{arrayField}'");

    private static bool IsPrefix(FieldPath prefix, FieldPath path)
    {
        if (prefix.Segments.Count >= path.Segments.Count) return false;
        for (var i = 0; i < prefix.Segments.Count; i++)
        {
            if (prefix.Segments[i] != path.Segments[i]) return false;
        }
        return true;
    }
}
