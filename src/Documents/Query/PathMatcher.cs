using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

/// <summary>A leaf operator on a field path: the document matches when any value the path reaches satisfies it.</summary>
internal sealed class PathMatcher(FieldPath path, ValueMatcher matcher) : DocumentMatcher
{
    private readonly string[] _segments = [.. path.Segments];

    public override bool Matches(BsonDocument doc) => PathTraversal.Any(doc, _segments, matcher);
}
