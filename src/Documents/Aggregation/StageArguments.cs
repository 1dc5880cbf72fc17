using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Expressions;
using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// Checks on stage arguments shared by the stage parsers. Every refusal is INVALID_PARAM and names the stage, so
/// the caller can tell which of several stages was malformed.
/// </summary>
internal static class StageArguments
{
    public static BsonDocument Object(string stage, BsonValue value, string what = "its argument") => value is BsonDocument document
        ? document
        : throw Invalid(stage, $"{what} must be an object, got {TypeName(value)}");

    public static string String(string stage, BsonValue value, string what) => value is BsonString text
        ? text.Value
        : throw Invalid(stage, $"{what} must be a string, got {TypeName(value)}");

    /// <summary>A number with an integral value (5, 5L and 5.0 alike), as MongoDB accepts for counts and sizes.</summary>
    public static long Integer(string stage, BsonValue value, string what)
    {
        if (!BsonValueComparer.IsNumber(value)) throw Invalid(stage, $"{what} must be a number, got {TypeName(value)}");
        if (value.BsonType is BsonType.Int32 or BsonType.Int64) return value.ToInt64();
        var d = value.BsonType == BsonType.Decimal128 ? (double)value.AsDecimal128 : value.ToDouble();
        if (double.IsNaN(d) || d != Math.Floor(d) || d < long.MinValue || d >= long.MaxValue)
            throw Invalid(stage, $"{what} must be an integer, got {value}");
        return (long)d;
    }

    public static bool Boolean(string stage, BsonValue value, string what) => value is BsonBoolean flag
        ? flag.Value
        : throw Invalid(stage, $"{what} must be a boolean, got {TypeName(value)}");

    /// <summary>
    /// A field path a stage reads or writes (<c>as</c>, <c>includeArrayIndex</c>, <c>key</c>, …), split: not empty,
    /// no empty or <c>$</c>-prefixed segments.
    /// </summary>
    public static string[] DottedPath(string stage, BsonValue value, string what)
    {
        var text = String(stage, value, what);
        var segments = text.Split('.');
        if (text.Length == 0 || segments.Any(s => s.Length == 0 || s[0] == '$'))
            throw Invalid(stage, $"{what} must be a field path without '$' or empty parts, got '{text}'");
        return segments;
    }

    /// <summary>
    /// A grouping expression (<c>$bucket</c>'s <c>groupBy</c>, <c>$sortByCount</c>): MongoDB accepts only a
    /// <c>$</c>-prefixed path or an operator object here, never a constant.
    /// </summary>
    public static CompiledExpression GroupingExpression(string stage, BsonValue value, PipelineVariables variables, string what)
    {
        var isPath = value is BsonString text && text.Value.StartsWith('$');
        var isOperator = value is BsonDocument { ElementCount: > 0 } document && document.GetElement(0).Name.StartsWith('$');
        if (!isPath && !isOperator)
            throw Invalid(stage, $"{what} must be a $-prefixed path or an operator expression, got {value}");
        return variables.Compile(value);
    }

    /// <summary>Refuses fields a stage does not know, which MongoDB reports rather than ignores.</summary>
    public static void OnlyKnown(string stage, BsonDocument spec, params string[] known)
    {
        foreach (var element in spec)
        {
            if (Array.IndexOf(known, element.Name) < 0) throw Invalid(stage, $"unrecognized option '{element.Name}'");
        }
    }

    public static DocumentException Invalid(string stage, string message) => DocumentException.InvalidParam($"{stage}: {message}");

    private static string TypeName(BsonValue value) => BsonTypeNames.Of(value.BsonType);
}
