using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

/// <summary>
/// <c>$jsonSchema</c>: MongoDB's JSON Schema (draft 4) dialect, compiled once into value matchers. The root schema
/// judges the document as one object value, which yields MongoDB's top-level rules without special cases: a
/// document is never a number, string or array, so those keywords hold vacuously at the root, and a root
/// <c>type</c> that leaves out "object" matches nothing. Properties are plain field names and arrays are never
/// traversed implicitly, as in JSON Schema rather than in the query language.
/// </summary>
internal static partial class JsonSchemaCompiler
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "additionalItems", "additionalProperties", "allOf", "anyOf", "bsonType", "dependencies", "description",
        "enum", "exclusiveMaximum", "exclusiveMinimum", "items", "maxItems", "maxLength", "maxProperties", "maximum",
        "minItems", "minLength", "minProperties", "minimum", "multipleOf", "not", "oneOf", "pattern",
        "patternProperties", "properties", "required", "title", "type", "uniqueItems",
    };

    // Standard draft-4 keywords MongoDB names as unsupported instead of unknown.
    private static readonly HashSet<string> UnsupportedKeywords = new(StringComparer.Ordinal)
    {
        "$ref", "$schema", "default", "definitions", "format", "id",
    };

    private static readonly string[] AnnotationKeywords = ["title", "description"];

    // JSON types mapped onto the $type aliases; "integer" has no BSON counterpart, so MongoDB refuses it.
    private static readonly Dictionary<string, string> JsonTypes = new(StringComparer.Ordinal)
    {
        ["object"] = "object", ["array"] = "array", ["number"] = "number",
        ["boolean"] = "bool", ["string"] = "string", ["null"] = "null",
    };

    public static DocumentMatcher Compile(BsonValue operand)
    {
        if (operand.BsonType != BsonType.Document) throw DocumentException.InvalidParam("$jsonSchema must be an object");
        return new JsonSchemaMatcher(CompileSchema(operand.AsBsonDocument));
    }

    private static ValueMatcher CompileSchema(BsonDocument schema)
    {
        var keywords = ReadKeywords(schema);
        // The type check goes first: it is the cheapest way for a value to fail.
        var parts = new List<ValueMatcher>();
        AddType(keywords, parts);
        AddScalarKeywords(keywords, parts);
        AddArrayKeywords(keywords, parts);
        AddObjectKeywords(keywords, parts);
        AddLogicalKeywords(keywords, parts);
        return parts.Count switch
        {
            0 => AnyValueMatcher.Instance,
            1 => parts[0],
            _ => new AllOfValueMatcher([.. parts]),
        };
    }

    private static Dictionary<string, BsonValue> ReadKeywords(BsonDocument schema)
    {
        var keywords = new Dictionary<string, BsonValue>(schema.ElementCount, StringComparer.Ordinal);
        foreach (var element in schema)
        {
            if (UnsupportedKeywords.Contains(element.Name))
                throw DocumentException.InvalidParam($"$jsonSchema keyword '{element.Name}' is not currently supported");
            if (!Keywords.Contains(element.Name))
                throw DocumentException.InvalidParam($"unknown $jsonSchema keyword: {element.Name}");
            keywords[element.Name] = element.Value;
        }
        foreach (var annotation in AnnotationKeywords)
        {
            if (keywords.TryGetValue(annotation, out var text) && text.BsonType != BsonType.String)
                throw Invalid(annotation, "must be a string");
        }
        return keywords;
    }

    private static void AddType(Dictionary<string, BsonValue> keywords, List<ValueMatcher> parts)
    {
        var hasType = keywords.TryGetValue("type", out var jsonType);
        var hasBsonType = keywords.TryGetValue("bsonType", out var bsonType);
        if (hasType && hasBsonType)
            throw DocumentException.InvalidParam("cannot specify both $jsonSchema keywords 'type' and 'bsonType'");
        if (hasType) parts.Add(CompileTypes("type", jsonType!, JsonTypes));
        else if (hasBsonType) parts.Add(CompileTypes("bsonType", bsonType!, null));
    }

    /// <param name="translate">JSON type names to $type aliases; null when the names already are $type aliases.</param>
    private static TypeMatcher CompileTypes(string keyword, BsonValue operand, Dictionary<string, string>? translate)
    {
        var names = operand.BsonType == BsonType.Array ? operand.AsBsonArray : new BsonArray { operand };
        if (names.Count == 0) throw Invalid(keyword, "must name at least one type");
        var aliases = new BsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (name.BsonType != BsonType.String) throw Invalid(keyword, "must be a string or an array of strings");
            var text = name.AsString;
            if (text == "integer") throw Invalid(keyword, "type 'integer' is not currently supported");
            if (!seen.Add(text)) throw Invalid(keyword, $"has duplicate value: {text}");
            if (translate is null) aliases.Add(text);
            else if (translate.TryGetValue(text, out var alias)) aliases.Add(alias);
            else throw Invalid(keyword, $"names an unknown type: {text}");
        }
        try
        {
            return TypeMatcher.Compile(aliases);
        }
        catch (DocumentException e)
        {
            throw Invalid(keyword, $"names an unknown type ({e.Message})");
        }
    }

    private static void AddScalarKeywords(Dictionary<string, BsonValue> keywords, List<ValueMatcher> parts)
    {
        if (keywords.TryGetValue("pattern", out var pattern))
        {
            if (pattern.BsonType != BsonType.String) throw Invalid("pattern", "must be a string");
            // JSON Schema has no place for regex flags.
            parts.Add(new PatternMatcher(RegexFactory.Create(pattern.AsString, "")));
        }
        var minLength = ReadOptionalCount(keywords, "minLength");
        var maxLength = ReadOptionalCount(keywords, "maxLength");
        if (minLength is not null || maxLength is not null)
            parts.Add(new StringLengthMatcher(minLength ?? 0, maxLength ?? long.MaxValue));
        if (keywords.TryGetValue("multipleOf", out var divisor))
        {
            if (!IsNumber(divisor)) throw Invalid("multipleOf", "must be a number");
            if (divisor.ToDouble() <= 0) throw Invalid("multipleOf", "must have a positive value");
            parts.Add(new MultipleOfMatcher(divisor));
        }
        AddBound(keywords, "maximum", "exclusiveMaximum", upper: true, parts);
        AddBound(keywords, "minimum", "exclusiveMinimum", upper: false, parts);
    }

    private static void AddBound(
        Dictionary<string, BsonValue> keywords, string keyword, string exclusiveKeyword, bool upper, List<ValueMatcher> parts)
    {
        var exclusive = false;
        if (keywords.TryGetValue(exclusiveKeyword, out var exclusiveFlag))
        {
            if (exclusiveFlag.BsonType != BsonType.Boolean) throw Invalid(exclusiveKeyword, "must be a boolean");
            exclusive = exclusiveFlag.AsBoolean;
        }
        if (!keywords.TryGetValue(keyword, out var bound))
        {
            if (exclusiveFlag is not null) throw Invalid(keyword, $"must be present if {exclusiveKeyword} is present");
            return;
        }
        if (!IsNumber(bound)) throw Invalid(keyword, "must be a number");
        parts.Add(new NumberBoundMatcher(bound, upper, exclusive));
    }

    private static void AddLogicalKeywords(Dictionary<string, BsonValue> keywords, List<ValueMatcher> parts)
    {
        if (keywords.TryGetValue("allOf", out var allOf)) parts.Add(new AllOfValueMatcher(ReadSchemaList("allOf", allOf)));
        if (keywords.TryGetValue("anyOf", out var anyOf)) parts.Add(new AnyOfMatcher(ReadSchemaList("anyOf", anyOf)));
        if (keywords.TryGetValue("oneOf", out var oneOf)) parts.Add(new OneOfMatcher(ReadSchemaList("oneOf", oneOf)));
        if (keywords.TryGetValue("not", out var not)) parts.Add(new NotValueMatcher(ReadSchema("not", not)));
        if (keywords.TryGetValue("enum", out var values))
        {
            if (values.BsonType != BsonType.Array) throw Invalid("enum", "must be an array");
            if (values.AsBsonArray.Count == 0) throw Invalid("enum", "cannot be an empty array");
            parts.Add(EnumMatcher.Create(values.AsBsonArray) ?? throw Invalid("enum", "array cannot contain duplicate values"));
        }
    }

    private static ValueMatcher[] ReadSchemaList(string keyword, BsonValue operand)
    {
        if (operand.BsonType != BsonType.Array) throw Invalid(keyword, "must be an array");
        var schemas = operand.AsBsonArray;
        if (schemas.Count == 0) throw Invalid(keyword, "must be a non-empty array");
        var compiled = new ValueMatcher[schemas.Count];
        for (var i = 0; i < schemas.Count; i++) compiled[i] = ReadSchema(keyword, schemas[i]);
        return compiled;
    }

    private static ValueMatcher ReadSchema(string keyword, BsonValue operand) =>
        operand.BsonType == BsonType.Document
            ? CompileSchema(operand.AsBsonDocument)
            : throw Invalid(keyword, $"must hold schema objects, found {operand.BsonType}");

    /// <summary>The <c>true</c>/<c>false</c>/schema form of <c>additionalItems</c> and <c>additionalProperties</c>.</summary>
    private static ValueMatcher ReadBooleanOrSchema(string keyword, BsonValue operand) => operand.BsonType switch
    {
        BsonType.Boolean => operand.AsBoolean ? AnyValueMatcher.Instance : NoValueMatcher.Instance,
        BsonType.Document => CompileSchema(operand.AsBsonDocument),
        _ => throw Invalid(keyword, "must be either an object or a boolean"),
    };

    private static long? ReadOptionalCount(Dictionary<string, BsonValue> keywords, string keyword)
    {
        if (!keywords.TryGetValue(keyword, out var operand)) return null;
        if (operand.BsonType is BsonType.Int32 or BsonType.Int64 && operand.ToInt64() >= 0) return operand.ToInt64();
        if (!IsNumber(operand)) throw Invalid(keyword, "must be a number");
        var value = operand.ToDouble();
        if (value % 1 != 0 || value < 0 || value >= 9.2e18) throw Invalid(keyword, "must be a non-negative integer");
        return (long)value;
    }

    private static bool IsNumber(BsonValue value) => BsonValueComparer.IsNumber(value);

    private static DocumentException Invalid(string keyword, string problem) =>
        DocumentException.InvalidParam($"$jsonSchema keyword '{keyword}' {problem}");
}
