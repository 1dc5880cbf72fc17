using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary><c>$mergeObjects</c>, <c>$objectToArray</c> and <c>$arrayToObject</c>.</summary>
internal static class ObjectOperators
{
    public static CompiledExpression? TryCompile(OperatorCall call) => call.Name switch
    {
        "$mergeObjects" => new VariadicExpression(call.Arguments(), MergeObjects),
        "$objectToArray" => call.Unary(ObjectToArray),
        "$arrayToObject" => call.Unary(ArrayToObject),
        _ => null,
    };

    /// <summary>Later documents win; a field keeps the position where it first appeared. Null and missing are skipped.</summary>
    private static BsonDocument MergeObjects(BsonValue?[] arguments)
    {
        var result = new BsonDocument();
        foreach (var argument in arguments)
        {
            if (Operand.IsNullish(argument)) continue;
            if (argument!.BsonType != BsonType.Document)
                throw DocumentException.InvalidParam($"$mergeObjects requires object inputs, but input {argument.ToJson()} is of type {Operand.TypeName(argument)}");
            foreach (var element in argument.AsBsonDocument) result[element.Name] = element.Value;
        }
        return result;
    }

    private static BsonValue ObjectToArray(BsonValue? value)
    {
        if (Operand.IsNullish(value)) return BsonNull.Value;
        if (value!.BsonType != BsonType.Document)
            throw DocumentException.InvalidParam($"$objectToArray requires a document input, found: {Operand.TypeName(value)}");
        var result = new BsonArray();
        foreach (var element in value.AsBsonDocument) result.Add(new BsonDocument { { "k", element.Name }, { "v", element.Value } });
        return result;
    }

    /// <summary>Accepts <c>[[k, v], …]</c> or <c>[{k, v}, …]</c>, one form throughout; a repeated key keeps the last value.</summary>
    private static BsonValue ArrayToObject(BsonValue? value)
    {
        if (Operand.IsNullish(value)) return BsonNull.Value;
        var items = Operand.Array("$arrayToObject", value!);
        var result = new BsonDocument();
        if (items.Count == 0) return result;
        var pairs = items[0].BsonType == BsonType.Array;
        if (!pairs && items[0].BsonType != BsonType.Document)
            throw DocumentException.InvalidParam($"$arrayToObject requires an array of key-value pairs or of {{k, v}} objects, found: {Operand.TypeName(items[0])}");
        foreach (var item in items)
        {
            BsonValue key, entry;
            if (pairs)
            {
                if (item.BsonType != BsonType.Array || item.AsBsonArray.Count != 2)
                    throw DocumentException.InvalidParam("$arrayToObject requires an array of size 2 arrays");
                (key, entry) = (item.AsBsonArray[0], item.AsBsonArray[1]);
            }
            else
            {
                if (item.BsonType != BsonType.Document || item.AsBsonDocument.ElementCount != 2
                    || !item.AsBsonDocument.TryGetValue("k", out key!) || !item.AsBsonDocument.TryGetValue("v", out entry!))
                    throw DocumentException.InvalidParam("$arrayToObject requires an object with keys 'k' and 'v'");
            }
            if (key.BsonType != BsonType.String)
                throw DocumentException.InvalidParam($"$arrayToObject requires keys of type string, found: {Operand.TypeName(key)}");
            if (key.AsString.Contains('\0'))
                throw DocumentException.InvalidParam("$arrayToObject: key must not contain an embedded null byte");
            result[key.AsString] = entry;
        }
        return result;
    }
}
