using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// One parsed stage. <see cref="Apply"/> must be lazy: it returns an enumerable that reads its input only as it
/// is enumerated, so streaming stages pull one document at a time and a later <c>$limit</c> stops the source.
/// Stages never modify the documents they receive; stored documents are shared, immutable values.
/// </summary>
internal abstract class PipelineStage
{
    public abstract IEnumerable<BsonDocument> Apply(IEnumerable<BsonDocument> input, AggregationContext context);
}
