using ActorCloud.Documents.Bson;
using MongoDB.Bson;
using System.Text.RegularExpressions;

namespace ActorCloud.Documents.Query;

// The $jsonSchema keyword matchers judge one value as a whole (no array expansion: JSON Schema has none). Keywords
// tied to a type hold for values of any other type, so a schema constrains only what its type keyword admits.

/// <summary>The root of a compiled <c>$jsonSchema</c>: the document is judged as an object value.</summary>
internal sealed class JsonSchemaMatcher(ValueMatcher schema) : DocumentMatcher
{
    public override bool Matches(BsonDocument doc) => schema.Matches(doc);
}

/// <summary>An empty schema, and <c>true</c> for <c>additionalItems</c>/<c>additionalProperties</c>.</summary>
internal sealed class AnyValueMatcher : ValueMatcher
{
    public static readonly AnyValueMatcher Instance = new();

    public override bool Matches(BsonValue value) => true;
}

internal sealed class AnyOfMatcher(ValueMatcher[] schemas) : ValueMatcher
{
    public override bool Matches(BsonValue value)
    {
        foreach (var schema in schemas)
        {
            if (schema.Matches(value)) return true;
        }
        return false;
    }
}

internal sealed class OneOfMatcher(ValueMatcher[] schemas) : ValueMatcher
{
    public override bool Matches(BsonValue value)
    {
        var matched = false;
        foreach (var schema in schemas)
        {
            if (!schema.Matches(value)) continue;
            if (matched) return false;
            matched = true;
        }
        return matched;
    }
}

/// <summary>
/// <c>enum</c>: equal to one of the listed values, numbers by value and embedded objects regardless of field order
/// (MongoDB compares with unordered fields here, unlike query equality).
/// </summary>
internal sealed class EnumMatcher(HashSet<BsonValue> values) : ValueMatcher
{
    /// <returns>Null when the list holds the same value twice, which MongoDB refuses.</returns>
    public static EnumMatcher? Create(BsonArray values)
    {
        var set = new HashSet<BsonValue>(BsonValueComparer.Instance);
        foreach (var value in values)
        {
            if (!set.Add(SchemaValues.Canonical(value))) return null;
        }
        return new EnumMatcher(set);
    }

    public override bool Matches(BsonValue value) => values.Contains(SchemaValues.Canonical(value));
}

/// <summary><c>minimum</c>/<c>maximum</c> with draft 4's boolean <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>.</summary>
internal sealed class NumberBoundMatcher(BsonValue bound, bool upper, bool exclusive) : ValueMatcher
{
    public override bool Matches(BsonValue value)
    {
        if (!BsonValueComparer.IsNumber(value)) return true;
        var order = BsonValueComparer.Instance.Compare(value, bound);
        if (upper) order = -order;
        return exclusive ? order > 0 : order >= 0;
    }
}

/// <summary>
/// <c>multipleOf</c>: the remainder is exactly zero. Decimal arithmetic (doubles rounded to 15 digits, as MongoDB's
/// Decimal128 conversion does) keeps 0.3 a multiple of 0.1; values beyond decimal's range fall back to doubles.
/// </summary>
internal sealed class MultipleOfMatcher(BsonValue divisor) : ValueMatcher
{
    private readonly decimal? _decimalDivisor = ToDecimal(divisor);
    private readonly double _doubleDivisor = divisor.ToDouble();

    public override bool Matches(BsonValue value)
    {
        if (!BsonValueComparer.IsNumber(value)) return true;
        if (_decimalDivisor is { } d && ToDecimal(value) is { } x) return x % d == 0;
        var number = value.ToDouble();
        return double.IsFinite(number) && number % _doubleDivisor == 0;
    }

    private static decimal? ToDecimal(BsonValue value)
    {
        try
        {
            decimal? converted = value.BsonType switch
            {
                BsonType.Int32 => value.AsInt32,
                BsonType.Int64 => value.AsInt64,
                BsonType.Double when double.IsFinite(value.AsDouble) => (decimal)value.AsDouble,
                BsonType.Decimal128 when !Decimal128.IsNaN(value.AsDecimal128) && !Decimal128.IsInfinity(value.AsDecimal128) =>
                    Decimal128.ToDecimal(value.AsDecimal128),
                _ => null,
            };
            // A non-zero value too small for decimal would round to 0 and pass as a multiple of anything.
            return converted == 0m && value.ToDouble() != 0 ? null : converted;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}

/// <summary><c>minLength</c>/<c>maxLength</c>, counted in Unicode code points as MongoDB counts UTF-8 characters.</summary>
internal sealed class StringLengthMatcher(long min, long max) : ValueMatcher
{
    public override bool Matches(BsonValue value)
    {
        if (value.BsonType != BsonType.String) return true;
        var text = value.AsString;
        // A string never has more code points than UTF-16 units, so a short one fails without counting.
        if (text.Length < min) return false;
        long length = 0;
        foreach (var _ in text.EnumerateRunes()) length++;
        return length >= min && length <= max;
    }
}

/// <summary><c>pattern</c>: the regex matches somewhere in the string (JSON Schema patterns are not anchored).</summary>
internal sealed class PatternMatcher(Regex regex) : ValueMatcher
{
    public override bool Matches(BsonValue value) =>
        value.BsonType != BsonType.String || RegexFactory.IsMatch(regex, value.AsString);
}

internal static class SchemaValues
{
    /// <summary>
    /// The value with every embedded object's fields sorted by name, so that <see cref="BsonValueComparer"/> equality
    /// ignores field order, as MongoDB's <c>enum</c> and <c>uniqueItems</c> do.
    /// </summary>
    public static BsonValue Canonical(BsonValue value) => value.BsonType switch
    {
        BsonType.Document => new BsonDocument(value.AsBsonDocument
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => new BsonElement(e.Name, Canonical(e.Value)))),
        BsonType.Array => new BsonArray(value.AsBsonArray.Select(Canonical)),
        _ => value,
    };
}
