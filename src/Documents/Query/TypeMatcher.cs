using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

/// <summary>
/// <c>$type</c>: the value is of one of the given BSON types, named by MongoDB's aliases (<c>"int"</c>,
/// <c>"long"</c>, <c>"double"</c>, <c>"number"</c>, …) or numbers. Array elements are candidates too, and
/// <c>"array"</c> matches the array itself — MongoDB's rules. It is the only way to tell int from double from
/// long in a query, since JSON clients see them all as numbers.
/// </summary>
internal sealed class TypeMatcher(IReadOnlySet<BsonType> types, bool anyNumber) : ValueMatcher
{
    public override bool Matches(BsonValue value) =>
        types.Contains(value.BsonType) || (anyNumber && BsonValueComparer.IsNumber(value));

    public static TypeMatcher Compile(BsonValue operand)
    {
        var types = new HashSet<BsonType>();
        var anyNumber = false;
        var items = operand is BsonArray array ? array : new BsonArray { operand };
        if (items.Count == 0) throw DocumentException.InvalidParam("$type needs at least one type");
        foreach (var item in items)
        {
            if (item.IsString && item.AsString == "number") anyNumber = true;
            else if (item.IsString && BsonTypeNames.TryParse(item.AsString, out var named)) types.Add(named);
            else if (BsonValueComparer.IsNumber(item) && Enum.IsDefined(typeof(BsonType), (int)item.ToDouble()) && item.ToDouble() % 1 == 0)
                types.Add((BsonType)(int)item.ToDouble());
            else throw DocumentException.InvalidParam($"$type: unknown type {item}");
        }
        return new TypeMatcher(types, anyNumber);
    }
}
