using MongoDB.Bson;
using System.Text.RegularExpressions;

namespace ActorCloud.Documents.Query;

/// <summary>A regex condition: strings that match it, or a stored regex identical to it.</summary>
internal sealed class RegexMatcher(Regex regex) : ValueMatcher
{
    public override bool Matches(BsonValue value) => value.BsonType switch
    {
        BsonType.String => RegexFactory.IsMatch(regex, value.AsString),
        BsonType.Symbol => RegexFactory.IsMatch(regex, value.AsBsonSymbol.Name),
        BsonType.RegularExpression => RegexFactory.IsSameRegex(regex, value.AsBsonRegularExpression),
        _ => false,
    };
}
