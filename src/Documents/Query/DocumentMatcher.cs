using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

/// <summary>One compiled node of a query: decides a whole document without re-reading the query text.</summary>
internal abstract class DocumentMatcher
{
    public abstract bool Matches(BsonDocument doc);
}
