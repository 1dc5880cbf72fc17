using MongoDB.Bson;
using System.Text.RegularExpressions;

namespace ActorCloud.Documents.Query;

/// <summary>The array and object keywords of <c>$jsonSchema</c>.</summary>
internal static partial class JsonSchemaCompiler
{
    private static void AddArrayKeywords(Dictionary<string, BsonValue> keywords, List<ValueMatcher> parts)
    {
        var minItems = ReadOptionalCount(keywords, "minItems");
        var maxItems = ReadOptionalCount(keywords, "maxItems");
        if (minItems is not null || maxItems is not null)
            parts.Add(new ItemCountMatcher(minItems ?? 0, maxItems ?? long.MaxValue));
        if (keywords.TryGetValue("uniqueItems", out var unique))
        {
            if (unique.BsonType != BsonType.Boolean) throw Invalid("uniqueItems", "must be a boolean");
            if (unique.AsBoolean) parts.Add(UniqueItemsMatcher.Instance);
        }
        // additionalItems is checked even where it has no effect: MongoDB refuses a malformed one regardless.
        var additional = keywords.TryGetValue("additionalItems", out var additionalItems)
            ? ReadBooleanOrSchema("additionalItems", additionalItems)
            : null;
        if (!keywords.TryGetValue("items", out var items)) return;
        switch (items.BsonType)
        {
            case BsonType.Document:
                // A single items schema covers every element, so additionalItems never applies.
                parts.Add(new ItemsMatcher([], CompileSchema(items.AsBsonDocument)));
                break;
            case BsonType.Array:
                var positional = new ValueMatcher[items.AsBsonArray.Count];
                for (var i = 0; i < positional.Length; i++) positional[i] = ReadSchema("items", items.AsBsonArray[i]);
                parts.Add(new ItemsMatcher(positional, additional));
                break;
            default:
                throw Invalid("items", "must be an array or an object");
        }
    }

    private static void AddObjectKeywords(Dictionary<string, BsonValue> keywords, List<ValueMatcher> parts)
    {
        if (keywords.TryGetValue("required", out var required)) parts.Add(new RequiredMatcher(ReadNames("required", required)));
        var hasProperties = keywords.TryGetValue("properties", out var properties);
        var hasPatterns = keywords.TryGetValue("patternProperties", out var patterns);
        var hasAdditional = keywords.TryGetValue("additionalProperties", out var additional);
        if (hasProperties || hasPatterns || hasAdditional)
        {
            parts.Add(new PropertiesMatcher(
                hasProperties ? ReadNamedSchemas("properties", properties!) : [],
                hasPatterns ? ReadPatternSchemas(patterns!) : [],
                hasAdditional ? ReadBooleanOrSchema("additionalProperties", additional!) : null));
        }
        var minProperties = ReadOptionalCount(keywords, "minProperties");
        var maxProperties = ReadOptionalCount(keywords, "maxProperties");
        if (minProperties is not null || maxProperties is not null)
            parts.Add(new PropertyCountMatcher(minProperties ?? 0, maxProperties ?? long.MaxValue));
        if (keywords.TryGetValue("dependencies", out var dependencies)) parts.Add(CompileDependencies(dependencies));
    }

    private static string[] ReadNames(string keyword, BsonValue operand)
    {
        if (operand.BsonType != BsonType.Array) throw Invalid(keyword, "must be an array of strings");
        var names = new List<string>(operand.AsBsonArray.Count);
        foreach (var name in operand.AsBsonArray)
        {
            if (name.BsonType != BsonType.String) throw Invalid(keyword, "must be an array of strings");
            if (names.Contains(name.AsString)) throw Invalid(keyword, $"array cannot contain duplicate values ({name.AsString})");
            names.Add(name.AsString);
        }
        if (names.Count == 0) throw Invalid(keyword, "cannot be an empty array");
        return [.. names];
    }

    private static KeyValuePair<string, ValueMatcher>[] ReadNamedSchemas(string keyword, BsonValue operand)
    {
        if (operand.BsonType != BsonType.Document) throw Invalid(keyword, "must be an object");
        return [.. operand.AsBsonDocument.Select(e => KeyValuePair.Create(e.Name, ReadSchema(keyword, e.Value)))];
    }

    private static KeyValuePair<Regex, ValueMatcher>[] ReadPatternSchemas(BsonValue operand) =>
        [.. ReadNamedSchemas("patternProperties", operand).Select(p => KeyValuePair.Create(RegexFactory.Create(p.Key, ""), p.Value))];

    /// <summary>
    /// Each dependency judges the whole object once its trigger property is present: a schema it must match, or
    /// property names it must also hold.
    /// </summary>
    private static DependenciesMatcher CompileDependencies(BsonValue operand)
    {
        if (operand.BsonType != BsonType.Document) throw Invalid("dependencies", "must be an object");
        var compiled = new List<KeyValuePair<string, ValueMatcher>>();
        foreach (var dependency in operand.AsBsonDocument)
        {
            ValueMatcher consequence = dependency.Value.BsonType switch
            {
                BsonType.Document => CompileSchema(dependency.Value.AsBsonDocument),
                BsonType.Array => new RequiredMatcher(ReadNames("dependencies", dependency.Value)),
                _ => throw Invalid("dependencies", $"property '{dependency.Name}' must be either an object or an array"),
            };
            compiled.Add(KeyValuePair.Create(dependency.Name, consequence));
        }
        return new DependenciesMatcher([.. compiled]);
    }
}
