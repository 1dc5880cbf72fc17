using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

/// <summary>
/// A CloudBase/MongoDB query compiled once into a tree of small matchers, so scanning a collection costs only the
/// checks themselves. Also exposes what the query pins down (an <c>_id</c>, root equalities, a near point) so the
/// caller can look up, seed an upsert, or order by distance.
/// </summary>
public sealed class QueryFilter
{
    private readonly DocumentMatcher _matcher;

    private QueryFilter(DocumentMatcher matcher, IReadOnlyList<KeyValuePair<string, BsonValue>> equalityFields, NearSpec? near, BsonDocument query)
    {
        _matcher = matcher;
        Query = query;
        EqualityFields = equalityFields;
        Near = near;
        foreach (var field in equalityFields)
        {
            if (field.Key != "_id") continue;
            IdEquality = field.Value;
            break;
        }
    }

    public static QueryFilter MatchAll { get; } = new(MatchAllMatcher.Instance, [], null, []);

    /// <summary>The query as given (the index planner reads its conditions).</summary>
    public BsonDocument Query { get; }

    /// <summary>The single <c>_id</c> every match must equal, when the query says so; the found document still has to pass <see cref="Matches"/>.</summary>
    public BsonValue? IdEquality { get; }

    /// <summary>Root equality conditions in query order (the fields an upsert copies into the new document).</summary>
    public IReadOnlyList<KeyValuePair<string, BsonValue>> EqualityFields { get; }

    /// <summary>Set when the query holds <c>$nearSphere</c>; results are then expected nearest first.</summary>
    public NearSpec? Near { get; }

    public static QueryFilter Compile(BsonDocument query)
    {
        if (query.ElementCount == 0) return MatchAll;
        var compiler = new QueryCompiler();
        var matcher = compiler.CompileQuery(query, QueryScope.Root);
        return new QueryFilter(matcher, [.. compiler.Equalities], compiler.Near, query);
    }

    /// <summary>
    /// Compiles the inside of <c>$elemMatch</c> (also what <c>$pull</c> and projection <c>$elemMatch</c> apply to
    /// each array element): operator-only conditions judge the element value, others query a sub-document element.
    /// </summary>
    public static Func<BsonValue, bool> CompileElementPredicate(BsonDocument condition) =>
        new QueryCompiler().CompileElementPredicate(condition);

    public bool Matches(BsonDocument doc) => _matcher.Matches(doc);
}
