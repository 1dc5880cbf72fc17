using ActorCloud.Documents.Expressions;
using ActorCloud.Documents.Query;
using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// The variables a pipeline's expressions see besides the document: none at top level, the <c>let</c> values of
/// the enclosing <c>$lookup</c>s inside a sub-pipeline. The expression compiler has no outside variables, so each
/// expression (and each <c>$expr</c> of a query) is compiled inside a <c>$let</c> binding these values as
/// literals; the sub-pipeline is compiled again for every outer document, which costs little next to running it
/// over the foreign collection.
/// </summary>
internal sealed class PipelineVariables
{
    private readonly BsonDocument _bindings;

    private PipelineVariables(BsonDocument bindings) => _bindings = bindings;

    public static PipelineVariables None { get; } = new([]);

    private bool IsEmpty => _bindings.ElementCount == 0;

    /// <summary>These variables plus the given ones, which shadow any of the same name; null values are missing.</summary>
    public PipelineVariables With(IReadOnlyList<KeyValuePair<string, BsonValue?>> values)
    {
        var bindings = new BsonDocument(_bindings);
        foreach (var (name, value) in values)
            bindings[name] = value is null ? "$$REMOVE" : new BsonDocument("$literal", value);
        return new PipelineVariables(bindings);
    }

    public CompiledExpression Compile(BsonValue expression) =>
        ExpressionEvaluator.Compile(IsEmpty ? expression : Bind(expression));

    /// <summary>A <c>$match</c>-style query; variables reach only its <c>$expr</c> clauses, as in MongoDB.</summary>
    public QueryFilter Filter(BsonDocument query) => QueryFilter.Compile(IsEmpty ? query : BindExprs(query));

    private BsonDocument Bind(BsonValue expression) =>
        new("$let", new BsonDocument { { "vars", _bindings }, { "in", expression } });

    private BsonDocument BindExprs(BsonDocument query)
    {
        var bound = new BsonDocument();
        foreach (var element in query)
        {
            bound[element.Name] = element.Name switch
            {
                "$expr" => Bind(element.Value),
                "$and" or "$or" or "$nor" when element.Value is BsonArray clauses =>
                    new BsonArray(clauses.Select(c => c is BsonDocument clause ? BindExprs(clause) : c)),
                _ => element.Value,
            };
        }
        return bound;
    }
}
