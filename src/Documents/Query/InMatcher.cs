using ActorCloud.Documents.Bson;
using MongoDB.Bson;
using System.Text.RegularExpressions;

namespace ActorCloud.Documents.Query;

/// <summary>
/// <c>$in</c>: equal to any listed value, or matched by any listed regex. Long lists go into a hash set (the
/// comparer hashes 1, 1L and 1.0 alike) so each candidate costs one lookup.
/// </summary>
internal sealed class InMatcher : ValueMatcher
{
    private const int HashThreshold = 8;

    private readonly BsonValue[] _values;
    private readonly HashSet<BsonValue>? _set;
    private readonly RegexMatcher[] _regexes;
    private readonly bool _hasNull;

    public InMatcher(BsonArray operand, Func<BsonRegularExpression, Regex> compileRegex)
    {
        var values = new List<BsonValue>();
        var regexes = new List<RegexMatcher>();
        foreach (var item in operand)
        {
            if (item.BsonType == BsonType.RegularExpression)
            {
                regexes.Add(new RegexMatcher(compileRegex(item.AsBsonRegularExpression)));
                continue;
            }
            if (item is BsonDocument d && d.ElementCount > 0 && d.GetElement(0).Name.StartsWith('$'))
                throw DocumentException.InvalidParam($"cannot nest operator {d.GetElement(0).Name} under $in");
            values.Add(item);
            if (BsonValueComparer.TypeRank(item) == 2) _hasNull = true;
        }
        _values = [.. values];
        _regexes = [.. regexes];
        if (_values.Length > HashThreshold) _set = new HashSet<BsonValue>(_values, BsonValueComparer.Instance);
    }

    public override bool MatchesMissing => _hasNull;

    public override bool Matches(BsonValue value)
    {
        if (_set is not null)
        {
            if (_set.Contains(value)) return true;
        }
        else
        {
            foreach (var candidate in _values)
            {
                if (BsonValueComparer.Instance.Compare(value, candidate) == 0) return true;
            }
        }
        foreach (var regex in _regexes)
        {
            if (regex.Matches(value)) return true;
        }
        return false;
    }
}
