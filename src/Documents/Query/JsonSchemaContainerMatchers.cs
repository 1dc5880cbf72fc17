using ActorCloud.Documents.Bson;
using MongoDB.Bson;
using System.Text.RegularExpressions;

namespace ActorCloud.Documents.Query;

// $jsonSchema keywords for arrays and embedded objects; values of any other type satisfy them.

internal sealed class ItemCountMatcher(long min, long max) : ValueMatcher
{
    public override bool Matches(BsonValue value) =>
        value.BsonType != BsonType.Array || (value.AsBsonArray.Count >= min && value.AsBsonArray.Count <= max);
}

/// <summary><c>uniqueItems: true</c>: no two elements equal, embedded objects compared regardless of field order.</summary>
internal sealed class UniqueItemsMatcher : ValueMatcher
{
    public static readonly UniqueItemsMatcher Instance = new();

    public override bool Matches(BsonValue value)
    {
        if (value.BsonType != BsonType.Array) return true;
        var seen = new HashSet<BsonValue>(BsonValueComparer.Instance);
        foreach (var element in value.AsBsonArray)
        {
            if (!seen.Add(SchemaValues.Canonical(element))) return false;
        }
        return true;
    }
}

/// <summary>
/// <c>items</c> with <c>additionalItems</c>: element i matches the i-th positional schema, and every element past
/// them matches the rest schema. A single <c>items</c> schema is the case without positional schemas.
/// </summary>
/// <param name="rest">Schema for elements past the positional ones; null when they are unconstrained.</param>
internal sealed class ItemsMatcher(ValueMatcher[] positional, ValueMatcher? rest) : ValueMatcher
{
    public override bool Matches(BsonValue value)
    {
        if (value.BsonType != BsonType.Array) return true;
        var elements = value.AsBsonArray;
        var covered = Math.Min(positional.Length, elements.Count);
        for (var i = 0; i < covered; i++)
        {
            if (!positional[i].Matches(elements[i])) return false;
        }
        if (rest is null) return true;
        for (var i = covered; i < elements.Count; i++)
        {
            if (!rest.Matches(elements[i])) return false;
        }
        return true;
    }
}

/// <summary><c>required</c>, and the property-list form of <c>dependencies</c>: every name is present (null counts).</summary>
internal sealed class RequiredMatcher(string[] names) : ValueMatcher
{
    public override bool Matches(BsonValue value)
    {
        if (value.BsonType != BsonType.Document) return true;
        var document = value.AsBsonDocument;
        foreach (var name in names)
        {
            if (!document.Contains(name)) return false;
        }
        return true;
    }
}

/// <summary>
/// <c>properties</c>, <c>patternProperties</c> and <c>additionalProperties</c> together, since a field is
/// "additional" only when neither of the others names it. A field may answer to several of them at once.
/// </summary>
/// <param name="additional">Schema for fields named by neither; null when they are unconstrained.</param>
internal sealed class PropertiesMatcher(
    KeyValuePair<string, ValueMatcher>[] properties,
    KeyValuePair<Regex, ValueMatcher>[] patterns,
    ValueMatcher? additional) : ValueMatcher
{
    private readonly Dictionary<string, ValueMatcher> _byName = new(properties, StringComparer.Ordinal);

    public override bool Matches(BsonValue value)
    {
        if (value.BsonType != BsonType.Document) return true;
        var document = value.AsBsonDocument;
        if (patterns.Length == 0 && additional is null) return MatchesNamed(document);
        foreach (var element in document)
        {
            if (!MatchesField(element)) return false;
        }
        return true;
    }

    // Only the named fields can fail, so look them up instead of visiting every field.
    private bool MatchesNamed(BsonDocument document)
    {
        foreach (var (name, schema) in properties)
        {
            if (document.TryGetValue(name, out var field) && !schema.Matches(field)) return false;
        }
        return true;
    }

    private bool MatchesField(BsonElement element)
    {
        var named = _byName.TryGetValue(element.Name, out var schema);
        if (named && !schema!.Matches(element.Value)) return false;
        foreach (var (pattern, patternSchema) in patterns)
        {
            if (!RegexFactory.IsMatch(pattern, element.Name)) continue;
            named = true;
            if (!patternSchema.Matches(element.Value)) return false;
        }
        return named || additional is null || additional.Matches(element.Value);
    }
}

internal sealed class PropertyCountMatcher(long min, long max) : ValueMatcher
{
    public override bool Matches(BsonValue value) =>
        value.BsonType != BsonType.Document ||
        (value.AsBsonDocument.ElementCount >= min && value.AsBsonDocument.ElementCount <= max);
}

/// <summary><c>dependencies</c>: when the trigger property is present, the whole object must satisfy its consequence.</summary>
internal sealed class DependenciesMatcher(KeyValuePair<string, ValueMatcher>[] dependencies) : ValueMatcher
{
    public override bool Matches(BsonValue value)
    {
        if (value.BsonType != BsonType.Document) return true;
        var document = value.AsBsonDocument;
        foreach (var (trigger, consequence) in dependencies)
        {
            if (document.Contains(trigger) && !consequence.Matches(document)) return false;
        }
        return true;
    }
}
