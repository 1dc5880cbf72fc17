using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Updates;

/// <summary>Checks and helpers shared by the update operators: operand shapes, storable names, MongoDB's wording.</summary>
internal static class UpdateOperands
{
    /// <summary>
    /// Operand values belong to a spec that is applied to many documents; each document gets its own copy so no
    /// two stored documents ever share a container that someone might later write through.
    /// </summary>
    public static BsonValue Copy(BsonValue value) => value is BsonDocument or BsonArray ? value.DeepClone() : value;

    /// <summary>Rejects values that could not be stored: keys that are empty, <c>$</c>-prefixed or dotted.</summary>
    public static void ValidateStorable(BsonValue value, string path)
    {
        switch (value)
        {
            case BsonDocument document:
                foreach (var element in document)
                {
                    var name = element.Name;
                    var inner = $"{path}.{name}";
                    if (name.Length == 0)
                        throw DocumentException.InvalidParam($"The update path '{inner}' contains an empty field name, which is not allowed.");
                    if (name[0] == '$')
                        throw DocumentException.InvalidParam($"The dollar ($) prefixed field '{name}' in '{inner}' is not valid for storage.");
                    if (name.Contains('.'))
                        throw DocumentException.InvalidParam($"The dotted field '{name}' in '{inner}' is not valid for storage.");
                    ValidateStorable(element.Value, inner);
                }
                break;
            case BsonArray array:
                for (var i = 0; i < array.Count; i++) ValidateStorable(array[i], $"{path}.{i}");
                break;
            case BsonUndefined:
                throw DocumentException.InvalidParam($"undefined is not a storable value (at '{path}')");
        }
    }

    /// <summary>An integral number of any BSON numeric type, as MongoDB accepts for <c>$slice</c> and <c>$position</c>.</summary>
    public static bool TryInteger(BsonValue value, out long result)
    {
        result = 0;
        switch (value.BsonType)
        {
            case BsonType.Int32:
                result = value.AsInt32;
                return true;
            case BsonType.Int64:
                result = value.AsInt64;
                return true;
            case BsonType.Double when double.IsFinite(value.AsDouble) && Math.Floor(value.AsDouble) == value.AsDouble
                                      && Math.Abs(value.AsDouble) < 9.2e18:
                result = (long)value.AsDouble;
                return true;
            case BsonType.Decimal128:
                try
                {
                    var d = Decimal128.ToDecimal(value.AsDecimal128);
                    if (decimal.Truncate(d) != d) return false;
                    result = (long)d;
                    return true;
                }
                catch (OverflowException)
                {
                    return false;
                }
            default:
                return false;
        }
    }

    /// <summary>True for a number equal to <paramref name="target"/> (1 and -1 arrive as int32, int64 or double).</summary>
    public static bool IsNumberEqualTo(BsonValue value, int target) =>
        BsonValueComparer.IsNumber(value) && BsonValueComparer.Instance.Compare(value, new BsonInt32(target)) == 0;

    /// <summary>MongoDB's alias for a BSON type, the word its error messages use.</summary>
    public static string TypeName(BsonValue value) => BsonTypeNames.Of(value.BsonType);

    public static string Json(BsonValue value) => Ejson.ToRelaxed(value);

    /// <summary>Renders <c>{name: value}</c>, the way MongoDB quotes the element an error is about.</summary>
    public static string Describe(string name, BsonValue value) => $"{{{name}: {Json(value)}}}";
}
