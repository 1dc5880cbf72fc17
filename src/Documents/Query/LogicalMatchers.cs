using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

internal sealed class MatchAllMatcher : DocumentMatcher
{
    public static readonly MatchAllMatcher Instance = new();

    public override bool Matches(BsonDocument doc) => true;
}

internal sealed class AndMatcher(DocumentMatcher[] parts) : DocumentMatcher
{
    public override bool Matches(BsonDocument doc)
    {
        foreach (var part in parts)
        {
            if (!part.Matches(doc)) return false;
        }
        return true;
    }
}

internal sealed class OrMatcher(DocumentMatcher[] parts) : DocumentMatcher
{
    public override bool Matches(BsonDocument doc)
    {
        foreach (var part in parts)
        {
            if (part.Matches(doc)) return true;
        }
        return false;
    }
}

/// <summary>
/// Negation at document level: <c>$ne</c>, <c>$nin</c>, <c>$not</c> and <c>$nor</c> hold when NO value on the path
/// satisfies the positive form, which is why they cannot be evaluated per array element.
/// </summary>
internal sealed class NotMatcher(DocumentMatcher inner) : DocumentMatcher
{
    public override bool Matches(BsonDocument doc) => !inner.Matches(doc);
}
