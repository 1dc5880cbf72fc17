using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// Turns stage documents into stages: CloudBase's set of stage names, pipeline-wide rules (one key a stage,
/// <c>$geoNear</c> first, bounded length and nesting), and the one rewrite that changes cost, not results: a
/// <c>$sort</c> or <c>$geoNear</c> followed by <c>$skip</c>/<c>$limit</c> only ever holds the documents those can pass.
/// </summary>
internal static class PipelineParser
{
    public static AggregationPipeline Parse(
        IReadOnlyList<BsonDocument> documents, PipelineVariables variables, AggregationLimits limits, int depth)
    {
        if (depth > limits.MaxLookupDepth)
            throw DocumentException.InvalidParam($"$lookup sub-pipelines are nested more than {limits.MaxLookupDepth} deep");
        if (documents.Count > limits.MaxStages)
            throw DocumentException.InvalidParam($"a pipeline may have at most {limits.MaxStages} stages, this one has {documents.Count}");
        var stages = new List<PipelineStage>();
        for (var i = 0; i < documents.Count; i++)
        {
            if (documents[i] is not { ElementCount: 1 } document)
                throw DocumentException.InvalidParam(
                    $"stage {i} of the pipeline must be an object with exactly one field, such as {{$match: {{…}}}}");
            var (name, argument) = (document.GetElement(0).Name, document.GetElement(0).Value);
            if (name == "$geoNear" && i != 0) throw DocumentException.InvalidParam("$geoNear is only valid as the first stage of a pipeline");
            stages.AddRange(ParseNamed(name, argument, variables, limits, depth));
        }
        for (var i = 0; i < stages.Count; i++)
        {
            if (LeadingDocumentsNeeded(stages, i) is not { } keep) continue;
            stages[i] = stages[i] switch
            {
                SortStage sort => sort.Keeping(keep),
                GeoNearStage geoNear => geoNear.Keeping(keep),
                var other => other,
            };
        }
        return new AggregationPipeline(stages, LookupCollections(stages), LeadingFilter(stages), stages.Any(s => s is LimitStage));
    }

    /// <summary>
    /// Parses one stage so that every refusal names it: the query, sort and expression compilers it relies on
    /// know nothing of stages.
    /// </summary>
    private static IEnumerable<PipelineStage> ParseNamed(
        string name, BsonValue argument, PipelineVariables variables, AggregationLimits limits, int depth)
    {
        var prefix = name + ":";
        PipelineStage[]? stages;
        try
        {
            stages = ParseStage(name, argument, variables, limits, depth);
        }
        catch (DocumentException error) when (!error.Message.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new DocumentException(error.Code, $"{prefix} {error.Message}");
        }
        return stages ?? throw DocumentException.InvalidOperator($"unsupported aggregation stage: {name}");
    }

    private static PipelineStage[]? ParseStage(
        string name, BsonValue argument, PipelineVariables variables, AggregationLimits limits, int depth) => name switch
    {
        "$addFields" or "$set" => [ProjectStage.ParseAddFields(name, argument, variables)],
        "$bucket" => [BucketStage.Parse(argument, variables, limits)],
        "$bucketAuto" => [BucketAutoStage.Parse(argument, variables, limits)],
        "$count" => [CountStage.Parse(argument)],
        "$geoNear" => [GeoNearStage.Parse(argument, variables, limits)],
        "$group" => [GroupStage.Parse(argument, variables, limits)],
        "$limit" => [LimitStage.Parse(argument)],
        "$lookup" => [LookupStage.Parse(argument, variables, limits, depth)],
        "$match" => [MatchStage.Parse(argument, variables)],
        "$project" => [ProjectStage.ParseProject(argument, variables)],
        "$replaceRoot" => [ReplaceRootStage.ParseReplaceRoot(argument, variables)],
        "$replaceWith" => [ReplaceRootStage.ParseReplaceWith(argument, variables)],
        "$sample" => [SampleStage.Parse(argument, limits)],
        "$skip" => [SkipStage.Parse(argument)],
        "$sort" => [SortStage.Parse(argument, limits)],
        "$sortByCount" => GroupStage.ParseSortByCount(argument, variables, limits),
        "$unwind" => [UnwindStage.Parse(argument)],
        _ => null,
    };

    /// <summary>
    /// How many leading documents of stage <paramref name="index"/>'s output the <c>$skip</c>/<c>$limit</c> stages
    /// right after it can ever pass on; null when they do not bound it.
    /// </summary>
    private static int? LeadingDocumentsNeeded(List<PipelineStage> stages, int index)
    {
        long skipped = 0;
        long? needed = null;
        for (var i = index + 1; i < stages.Count; i++)
        {
            if (stages[i] is SkipStage skip) skipped = SaturatingAdd(skipped, skip.Count);
            else if (stages[i] is LimitStage limit) needed = Math.Min(needed ?? long.MaxValue, SaturatingAdd(skipped, limit.Count));
            else break;
        }
        return needed is { } n ? (int)Math.Min(n, int.MaxValue) : null;
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <summary>Every collection a <c>$lookup</c> names, sub-pipelines included, each once in order of appearance.</summary>
    private static List<string> LookupCollections(List<PipelineStage> stages)
    {
        var names = new List<string>();
        foreach (var lookup in stages.OfType<LookupStage>())
        {
            names.Add(lookup.From);
            if (lookup.Pipeline is not null) names.AddRange(lookup.Pipeline.LookupCollections);
        }
        return [.. names.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The query every result must satisfy at the source: the leading <c>$match</c>es (joined by <c>$and</c>) or
    /// <c>$geoNear</c>'s.
    /// </summary>
    private static BsonDocument? LeadingFilter(List<PipelineStage> stages)
    {
        if (stages.Count > 0 && stages[0] is GeoNearStage geoNear) return geoNear.Query;
        var queries = stages.TakeWhile(s => s is MatchStage).Select(s => ((MatchStage)s).Query).ToList();
        return queries.Count switch
        {
            0 => null,
            1 => queries[0],
            _ => new BsonDocument("$and", new BsonArray(queries)),
        };
    }
}
