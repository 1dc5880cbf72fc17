using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// <c>$unwind: "$path"</c> or <c>{path, includeArrayIndex, preserveNullAndEmptyArrays}</c>: one document per array
/// element, with the element in place of the array. A non-array value passes as if it were a one-element array;
/// null, missing and empty arrays drop the document unless preserved. Streams.
/// </summary>
internal sealed class UnwindStage(string[] path, string[]? indexField, bool preserveNullAndEmpty) : PipelineStage
{
    private const string Stage = "$unwind";

    public static UnwindStage Parse(BsonValue argument)
    {
        if (argument is BsonString) return new UnwindStage(ParsePath(argument), null, false);
        var spec = StageArguments.Object(Stage, argument, "its argument (a path string or an object)");
        StageArguments.OnlyKnown(Stage, spec, "path", "includeArrayIndex", "preserveNullAndEmptyArrays");
        if (!spec.TryGetValue("path", out var pathValue)) throw StageArguments.Invalid(Stage, "'path' is required");
        var indexField = spec.TryGetValue("includeArrayIndex", out var index)
            ? StageArguments.DottedPath(Stage, index, "'includeArrayIndex'")
            : null;
        var preserve = spec.TryGetValue("preserveNullAndEmptyArrays", out var flag)
            && StageArguments.Boolean(Stage, flag, "'preserveNullAndEmptyArrays'");
        return new UnwindStage(ParsePath(pathValue), indexField, preserve);
    }

    private static string[] ParsePath(BsonValue value)
    {
        var text = StageArguments.String(Stage, value, "the path");
        if (!text.StartsWith('$')) throw StageArguments.Invalid(Stage, $"the path must be prefixed with '$', got '{text}'");
        return StageArguments.DottedPath(Stage, new BsonString(text[1..]), "the path");
    }

    public override IEnumerable<BsonDocument> Apply(IEnumerable<BsonDocument> input, AggregationContext context)
    {
        foreach (var document in input)
        {
            var value = DocumentPaths.Get(document, path);
            switch (value)
            {
                case BsonArray { Count: > 0 } array:
                    for (var i = 0; i < array.Count; i++) yield return Output(DocumentPaths.With(document, path, array[i]), new BsonInt64(i));
                    break;
                case BsonArray when preserveNullAndEmpty:
                    // MongoDB drops the empty array from the preserved document but keeps a null where it was.
                    yield return Output(DocumentPaths.Without(document, path), BsonNull.Value);
                    break;
                case null or BsonNull or BsonUndefined or BsonArray:
                    if (preserveNullAndEmpty) yield return Output(document, BsonNull.Value);
                    break;
                default:
                    yield return Output(document, BsonNull.Value);
                    break;
            }
        }
    }

    private BsonDocument Output(BsonDocument document, BsonValue index) =>
        indexField is null ? document : DocumentPaths.With(document, indexField, index);
}
