using ActorCloud.Documents.Rules;
using MongoDB.Bson;

namespace ActorCloud.Actors.Permissions;

/// <summary>
/// The four classic collection modes for end users, exactly as protocol notes §4.2 describe them: what is denied
/// outright, and the silent <c>_openid</c> filter that makes other users' documents simply not match (reads under
/// <c>PRIVATE</c>; updates and removes under <c>PRIVATE</c> and <c>READONLY</c>). Creating is allowed wherever the
/// creator may write.
/// </summary>
public static class ClassicModes
{
    public const string OpenidField = "_openid";

    /// <summary>The filter the operation runs with, or null when the mode denies it.</summary>
    public static BsonDocument? Filter(string aclTag, RuleOperation operation, BsonDocument query, string openid) =>
        (aclTag, operation) switch
        {
            (Permission.ReadOnly, RuleOperation.Read) or (Permission.AdminWrite, RuleOperation.Read) => query,
            (Permission.ReadOnly or Permission.Private, RuleOperation.Create) => query,
            (Permission.ReadOnly or Permission.Private, _) => Owned(query, openid),
            _ => null,
        };

    /// <summary>
    /// The query narrowed to the caller's documents. The condition is a conjunct at the top level, so nothing inside
    /// the client's query (an <c>$or</c>, an <c>$expr</c>, a dotted path) can widen it.
    /// </summary>
    public static BsonDocument Owned(BsonDocument query, string openid)
    {
        if (!query.Contains(OpenidField) && !query.Contains("$and"))
        {
            var owned = new BsonDocument(query.Elements) { { OpenidField, openid } };
            return owned;
        }
        return new BsonDocument("$and", new BsonArray { query, new BsonDocument(OpenidField, openid) });
    }
}
