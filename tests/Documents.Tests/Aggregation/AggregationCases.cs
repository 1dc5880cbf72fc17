using ActorCloud.Documents.Aggregation;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using Xunit;

namespace ActorCloud.Documents.Tests.Aggregation;

/// <summary>
/// Runs table cases: a pipeline and input documents as relaxed JSON arrays, the expected output compared as
/// canonical EJSON (so an int32 1 and a double 1.0 differ, as they do on the wire).
/// </summary>
internal static class AggregationCases
{
    private static readonly JsonWriterSettings Canonical = new() { OutputMode = JsonOutputMode.CanonicalExtendedJson };

    public static List<BsonDocument> DocumentList(string json) =>
        [.. BsonDocument.Parse($"{{d: {json}}}")["d"].AsBsonArray.Select(v => v.AsBsonDocument)];

    /// <summary>A context whose collections are the given JSON arrays (others are empty), with a fixed seed.</summary>
    public static AggregationContext Context(IReadOnlyDictionary<string, string>? collections = null, int seed = 7) =>
        new(name => collections is not null && collections.TryGetValue(name, out var json) ? DocumentList(json) : [], new Random(seed));

    public static List<BsonDocument> Run(string pipeline, string input, AggregationContext? context = null, AggregationLimits? limits = null) =>
        Run(pipeline, DocumentList(input), context, limits);

    public static List<BsonDocument> Run(
        string pipeline, IEnumerable<BsonDocument> input, AggregationContext? context = null, AggregationLimits? limits = null) =>
        [.. AggregationPipeline.Parse(DocumentList(pipeline), limits).Run(input, context ?? Context())];

    public static void Check(string pipeline, string input, string expected, AggregationContext? context = null) =>
        Assert.Equal(Json(DocumentList(expected)), Json(Run(pipeline, input, context)));

    public static string Json(IEnumerable<BsonDocument> documents) => new BsonArray(documents).ToJson(Canonical);

    public static string Ids(IEnumerable<BsonDocument> documents) => string.Join(",", documents.Select(d => d["_id"].ToString()));

    /// <summary>Asserts Parse refuses the pipeline with the code; returns the error for message checks.</summary>
    public static DocumentException Refused(string pipeline, string code, AggregationLimits? limits = null)
    {
        var error = Assert.Throws<DocumentException>(() => AggregationPipeline.Parse(DocumentList(pipeline), limits));
        Assert.Equal(code, error.Code);
        return error;
    }

    /// <summary>Asserts the pipeline parses, then fails with the code while its results are read.</summary>
    public static DocumentException FailsWhileRunning(
        string pipeline, IEnumerable<BsonDocument> input, string code, AggregationLimits? limits = null, AggregationContext? context = null)
    {
        var parsed = AggregationPipeline.Parse(DocumentList(pipeline), limits);
        var results = parsed.Run(input, context ?? Context());
        var error = Assert.Throws<DocumentException>(() => results.ToList());
        Assert.Equal(code, error.Code);
        return error;
    }
}
