namespace ActorCloud.Documents.Query;

/// <summary>
/// Where a clause sits. Only clauses that every match must satisfy (the root and root <c>$and</c>s) may seed an
/// upsert or pin <c>_id</c>, and MongoDB accepts <c>$nearSphere</c> only there.
/// </summary>
internal enum QueryScope
{
    Root,
    RootAnd,
    Nested,
}

internal static class QueryScopeExtensions
{
    public static bool IsRequiredForEveryMatch(this QueryScope scope) => scope != QueryScope.Nested;
}
