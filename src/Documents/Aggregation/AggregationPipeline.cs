using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// A CloudBase aggregation pipeline, parsed and checked once, run over any sequence of documents. Every refusal of
/// the pipeline itself happens in <see cref="Parse"/>; <see cref="Run"/> can still fail on the data (a
/// <c>$bucket</c> value outside every range, a stage past its memory bound) while it is enumerated. Running is
/// lazy: streaming stages pass documents one at a time, so the source is read only as far as the results need.
/// </summary>
public sealed class AggregationPipeline
{
    private readonly IReadOnlyList<PipelineStage> _stages;

    internal AggregationPipeline(
        IReadOnlyList<PipelineStage> stages, IReadOnlyList<string> lookupCollections, BsonDocument? leadingFilter, bool hasLimit)
    {
        _stages = stages;
        LookupCollections = lookupCollections;
        LeadingFilter = leadingFilter;
        HasLimit = hasLimit;
    }

    /// <summary>The collections <c>$lookup</c> stages read (sub-pipelines included), for the host to load first.</summary>
    public IReadOnlyList<string> LookupCollections { get; }

    /// <summary>
    /// The query every result's source document satisfies: the leading <c>$match</c> (several are joined with
    /// <c>$and</c>) or <c>$geoNear</c>'s <c>query</c>; null when the pipeline does not start with one. The host may
    /// narrow the source with it or check it against permissions; <see cref="Run"/> applies it regardless.
    /// </summary>
    public BsonDocument? LeadingFilter { get; }

    /// <summary>Whether the pipeline has a <c>$limit</c> stage (CloudBase returns 20 results when it does not).</summary>
    public bool HasLimit { get; }

    /// <summary>Parses stages as the SDKs send them, each a one-field document such as <c>{$limit: 5}</c>.</summary>
    public static AggregationPipeline Parse(IReadOnlyList<BsonDocument> stages, AggregationLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stages);
        return PipelineParser.Parse(stages, PipelineVariables.None, limits ?? AggregationLimits.Default, depth: 0);
    }

    public IEnumerable<BsonDocument> Run(IEnumerable<BsonDocument> source, AggregationContext context)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(context);
        var documents = source;
        foreach (var stage in _stages) documents = stage.Apply(documents, context);
        return documents;
    }
}
