using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

/// <summary>All conditions hold for the same single value (the value form of <c>$elemMatch</c>).</summary>
internal sealed class AllOfValueMatcher(ValueMatcher[] parts) : ValueMatcher
{
    public override bool MatchesMissing
    {
        get
        {
            foreach (var part in parts)
            {
                if (!part.MatchesMissing) return false;
            }
            return true;
        }
    }

    public override bool Matches(BsonValue value)
    {
        foreach (var part in parts)
        {
            if (!part.Matches(value)) return false;
        }
        return true;
    }
}

/// <summary>Single-value negation, used where a condition applies to one array element rather than a path.</summary>
internal sealed class NotValueMatcher(ValueMatcher inner) : ValueMatcher
{
    public override bool MatchesMissing => !inner.MatchesMissing;

    public override bool Matches(BsonValue value) => !inner.Matches(value);
}

/// <summary>Matches no value: <c>$all: []</c> selects nothing in MongoDB.</summary>
internal sealed class NoValueMatcher : ValueMatcher
{
    public static readonly NoValueMatcher Instance = new();

    public override bool Matches(BsonValue value) => false;
}
