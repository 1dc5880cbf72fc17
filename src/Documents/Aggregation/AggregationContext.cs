using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// What a run needs from its host: the documents of a collection a <c>$lookup</c> names (the host fetches
/// <see cref="AggregationPipeline.LookupCollections"/> first, with the caller's permissions applied) and the source
/// of randomness for <c>$sample</c>, injected so tests and replays can fix it.
/// </summary>
public sealed record AggregationContext(Func<string, IEnumerable<BsonDocument>> Collection, Random Random);
