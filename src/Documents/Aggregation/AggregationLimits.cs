namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// Bounds on what one pipeline may cost. Blocking stages hold documents in memory, so each is limited by bytes
/// (MongoDB's default of 100 MB a stage) and <c>$group</c> also by its number of distinct keys; a pipeline past a
/// bound fails with DATABASE_REQUEST_FAILED instead of exhausting the host.
/// </summary>
/// <param name="MaxGroups">Distinct keys a <c>$group</c> (or <c>$sortByCount</c>, <c>$bucket</c>) may hold.</param>
/// <param name="MaxBufferedBytes">
/// BSON bytes a blocking stage may hold at once; also the most a <c>$lookup</c> may gather into one document.
/// </param>
/// <param name="MaxStages">Stages in one pipeline, each sub-pipeline counted on its own (MongoDB allows 1 000).</param>
/// <param name="MaxLookupDepth">How deeply <c>$lookup</c> sub-pipelines may nest (MongoDB allows 20).</param>
public sealed record AggregationLimits(
    int MaxGroups = 100_000,
    long MaxBufferedBytes = 100L * 1024 * 1024,
    int MaxStages = 1_000,
    int MaxLookupDepth = 20)
{
    public static AggregationLimits Default { get; } = new();
}
