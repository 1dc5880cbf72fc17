using ActorCloud.Documents.Query;
using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary><c>$match</c>: the find() query language, <c>$expr</c> included; streams.</summary>
internal sealed class MatchStage : PipelineStage
{
    private readonly QueryFilter _filter;

    private MatchStage(BsonDocument query, QueryFilter filter)
    {
        Query = query;
        _filter = filter;
    }

    /// <summary>The query as written, which a leading <c>$match</c> hands to the host.</summary>
    public BsonDocument Query { get; }

    public static MatchStage Parse(BsonValue argument, PipelineVariables variables)
    {
        var query = StageArguments.Object("$match", argument);
        return new MatchStage(query, CompileFilter("$match", query, variables));
    }

    /// <summary>
    /// Compiles a query used inside a pipeline, where MongoDB refuses <c>$near</c>/<c>$nearSphere</c>: ordering by
    /// distance is <c>$geoNear</c>'s job.
    /// </summary>
    public static QueryFilter CompileFilter(string stage, BsonDocument query, PipelineVariables variables)
    {
        var filter = variables.Filter(query);
        if (filter.Near is not null)
            throw StageArguments.Invalid(stage, "$near and $nearSphere are not allowed in an aggregation query; use $geoNear");
        return filter;
    }

    public override IEnumerable<BsonDocument> Apply(IEnumerable<BsonDocument> input, AggregationContext context) =>
        input.Where(_filter.Matches);
}
