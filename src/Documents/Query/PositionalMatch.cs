using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

/// <summary>
/// What MongoDB's positional <c>$</c> refers to, for updates (<c>'a.$': v</c>) and projections (<c>{'a.$': 1}</c>):
/// the first element of an array that the query's conditions on that array matched.
/// </summary>
public static class PositionalMatch
{
    /// <summary>
    /// MongoDB's <c>$</c>: the first element that satisfies every query condition on the array's path
    /// (<c>{a: v}</c>, <c>{a: {$op: v}}</c>, <c>{a: {$elemMatch: …}}</c>, <c>{'a.x': v}</c>), top level or in a top-level <c>$and</c>.
    /// </summary>
    public static int FirstIndex(BsonDocument query, string arrayPath, BsonArray array)
    {
        var predicates = Conditions(query, arrayPath).ToList();
        if (predicates.Count > 0)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (predicates.All(p => p(array[i]))) return i;
            }
        }
        throw DocumentException.RequestFailed("The positional operator did not find the match needed from the query.");
    }

    private static IEnumerable<Func<BsonValue, bool>> Conditions(BsonDocument query, string arrayPath)
    {
        foreach (var element in query)
        {
            if (element.Name == "$and" && element.Value is BsonArray clauses)
            {
                foreach (var clause in clauses.OfType<BsonDocument>())
                {
                    foreach (var condition in Conditions(clause, arrayPath)) yield return condition;
                }
            }
            else if (element.Name == arrayPath)
            {
                yield return QueryFilter.CompileElementPredicate(OnElement(element.Value));
            }
            else if (element.Name.StartsWith(arrayPath + ".", StringComparison.Ordinal))
            {
                yield return QueryFilter.CompileElementPredicate(new BsonDocument(element.Name[(arrayPath.Length + 1)..], element.Value));
            }
        }
    }

    private static BsonDocument OnElement(BsonValue condition) => condition switch
    {
        BsonDocument d when d.ElementCount == 1 && d.GetElement(0).Name == "$elemMatch" && d[0] is BsonDocument inner => inner,
        BsonDocument d when d.ElementCount > 0 && d.GetElement(0).Name.StartsWith('$') => d,
        BsonRegularExpression pattern => new BsonDocument("$in", new BsonArray { pattern }),
        _ => new BsonDocument("$eq", condition),
    };
}
