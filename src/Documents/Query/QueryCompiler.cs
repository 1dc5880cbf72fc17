using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

/// <summary>
/// Turns a query document into a matcher tree once, and notes on the way what callers can exploit without
/// scanning: root equalities (point lookups, upsert seeds) and the single <c>$nearSphere</c> ordering.
/// </summary>
internal sealed class QueryCompiler
{
    private readonly List<KeyValuePair<string, BsonValue>> _equalities = [];
    private readonly OperatorCompiler _operators;

    public QueryCompiler() => _operators = new OperatorCompiler(this);

    public IReadOnlyList<KeyValuePair<string, BsonValue>> Equalities => _equalities;

    public NearSpec? Near { get; private set; }

    public DocumentMatcher CompileQuery(BsonDocument query, QueryScope scope)
    {
        var parts = new List<DocumentMatcher>(query.ElementCount);
        foreach (var element in query)
        {
            parts.Add(element.Name.StartsWith('$')
                ? CompileTopLevelOperator(element.Name, element.Value, scope)
                : CompileField(FieldPath.Parse(element.Name), element.Value, scope));
        }
        return parts.Count switch
        {
            0 => MatchAllMatcher.Instance,
            1 => parts[0],
            _ => new AndMatcher([.. parts]),
        };
    }

    /// <summary>
    /// The inside of <c>$elemMatch</c>: operators such as <c>{$gt: 3}</c> judge the element itself; anything else
    /// is a query over a sub-document element.
    /// </summary>
    public Func<BsonValue, bool> CompileElementPredicate(BsonDocument condition)
    {
        if (IsValueCondition(condition))
        {
            var matcher = _operators.Compile(condition, null, QueryScope.Nested).OnValue();
            return matcher.Matches;
        }
        var query = CompileQuery(condition, QueryScope.Nested);
        return element => element.BsonType == BsonType.Document && query.Matches(element.AsBsonDocument);
    }

    public void RecordEquality(string path, BsonValue value) => _equalities.Add(new(path, value));

    public void RecordNear(NearSpec near, QueryScope scope)
    {
        if (!scope.IsRequiredForEveryMatch())
            throw DocumentException.InvalidParam("$nearSphere/$near is not allowed inside $or, $nor, $not or $elemMatch");
        if (Near is not null) throw DocumentException.InvalidParam("too many geoNear expressions: a query may hold only one");
        Near = near;
    }

    private static bool IsValueCondition(BsonDocument condition)
    {
        if (condition.ElementCount == 0) return false;
        var first = condition.GetElement(0).Name;
        return first.StartsWith('$') && !IsLogicalOperator(first);
    }

    private static bool IsLogicalOperator(string name) =>
        name is "$and" or "$or" or "$nor" or "$expr" or "$comment" or "$where" or "$text" or "$jsonSchema";

    private DocumentMatcher CompileTopLevelOperator(string name, BsonValue operand, QueryScope scope) => name switch
    {
        "$and" => new AndMatcher(CompileClauses(name, operand, scope == QueryScope.Nested ? scope : QueryScope.RootAnd)),
        "$or" => new OrMatcher(CompileClauses(name, operand, QueryScope.Nested)),
        "$nor" => new NotMatcher(new OrMatcher(CompileClauses(name, operand, QueryScope.Nested))),
        "$expr" => new ExprMatcher(Expressions.ExpressionEvaluator.Compile(operand)),
        "$jsonSchema" => JsonSchemaCompiler.Compile(operand),
        "$comment" => MatchAllMatcher.Instance,
        _ => throw UnsupportedOperator(name),
    };

    private DocumentMatcher[] CompileClauses(string name, BsonValue operand, QueryScope scope)
    {
        if (operand.BsonType != BsonType.Array || operand.AsBsonArray.Count == 0)
            throw DocumentException.InvalidParam($"{name} must be a non-empty array of query documents");
        var clauses = operand.AsBsonArray;
        var compiled = new DocumentMatcher[clauses.Count];
        for (var i = 0; i < clauses.Count; i++)
        {
            if (clauses[i].BsonType != BsonType.Document)
                throw DocumentException.InvalidParam($"{name} entries must be query documents, got {clauses[i].BsonType}");
            compiled[i] = CompileQuery(clauses[i].AsBsonDocument, scope);
        }
        return compiled;
    }

    private DocumentMatcher CompileField(FieldPath path, BsonValue value, QueryScope scope)
    {
        if (value.BsonType == BsonType.RegularExpression)
            return new PathMatcher(path, new RegexMatcher(RegexFactory.Create(value.AsBsonRegularExpression)));
        if (OperatorCompiler.IsOperatorDocument(value))
            return _operators.Compile(value.AsBsonDocument, path.Text, scope).OnPath(path);
        if (scope.IsRequiredForEveryMatch()) RecordEquality(path.Text, value);
        return new PathMatcher(path, new EqualityMatcher(value));
    }

    internal static DocumentException UnsupportedOperator(string name) =>
        DocumentException.InvalidOperator($"unknown or unsupported query operator: {name}");
}
