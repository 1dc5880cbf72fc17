using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Updates.Operations;
using MongoDB.Bson;

namespace ActorCloud.Documents.Updates;

/// <summary>The update operators we accept, each with the parser that turns one <c>field: operand</c> into an operation.</summary>
internal static class UpdateOperators
{
    private static readonly Dictionary<string, Func<FieldPath, BsonValue, UpdateOperation>> Parsers = new(StringComparer.Ordinal)
    {
        ["$set"] = (path, operand) => new SetOperation(path, operand, onInsertOnly: false),
        ["$setOnInsert"] = (path, operand) => new SetOperation(path, operand, onInsertOnly: true),
        ["$unset"] = (path, _) => new UnsetOperation(path),
        ["$inc"] = ArithmeticOperation.Increment,
        ["$mul"] = ArithmeticOperation.Multiply,
        ["$min"] = (path, operand) => new MinMaxOperation(path, operand, keepSmaller: true),
        ["$max"] = (path, operand) => new MinMaxOperation(path, operand, keepSmaller: false),
        ["$rename"] = RenameOperation.Parse,
        ["$push"] = PushOperation.Parse,
        ["$pop"] = PopOperation.Parse,
        ["$addToSet"] = AddToSetOperation.Parse,
        ["$pull"] = PullOperation.Parse,
        ["$pullAll"] = PullAllOperation.Parse,
        ["$currentDate"] = CurrentDateOperation.Parse,
        ["$bit"] = BitOperation.Parse,
    };

    public static bool TryGetParser(string name, out Func<FieldPath, BsonValue, UpdateOperation> parser) =>
        Parsers.TryGetValue(name, out parser!);

    /// <summary>
    /// A path an operator writes. Positional segments (<c>$</c>, <c>$[]</c>) must have been made concrete by
    /// <see cref="PositionalUpdate"/> first (they depend on the matched document); any left here is refused
    /// rather than written literally.
    /// </summary>
    public static FieldPath ParsePath(string text)
    {
        var path = FieldPath.Parse(text);
        foreach (var segment in path.Segments)
        {
            if (segment[0] == '$')
                throw DocumentException.InvalidParam($"The update path '{text}' contains '{segment}'; positional and '$'-prefixed path segments are not supported");
        }
        return path;
    }
}
