using ActorCloud.Documents.Expressions;
using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// <c>$lookup</c>: an array <c>as</c> of the <c>from</c> collection's documents for each input document. With
/// <c>localField</c>/<c>foreignField</c>, those whose foreign field equals the local value (any element of a local
/// array; missing counts as null); with <c>pipeline</c>, the output of that sub-pipeline run over the collection (or
/// over the equality matches when both are given), its expressions seeing <c>let</c>'s values as <c>$$name</c>.
/// Streams: each input document is joined and passed on before the next is read.
/// </summary>
internal sealed class LookupStage : PipelineStage
{
    private const string Stage = "$lookup";

    private readonly Options _options;
    private readonly AggregationLimits _limits;
    private readonly int _depth;

    private LookupStage(Options options, AggregationLimits limits, int depth)
    {
        _options = options;
        _limits = limits;
        _depth = depth;
    }

    public string From => _options.From;

    /// <summary>
    /// The sub-pipeline compiled with this stage's variables, <c>let</c>'s standing in as null: it validates the
    /// sub-pipeline up front, names the collections its own lookups read, and is what runs when there is no <c>let</c>.
    /// </summary>
    public AggregationPipeline? Pipeline => _options.Pipeline;

    public static LookupStage Parse(BsonValue argument, PipelineVariables variables, AggregationLimits limits, int depth)
    {
        var spec = StageArguments.Object(Stage, argument);
        StageArguments.OnlyKnown(Stage, spec, "from", "as", "localField", "foreignField", "let", "pipeline");
        if (!spec.TryGetValue("from", out var fromValue) || !spec.TryGetValue("as", out var asValue))
            throw StageArguments.Invalid(Stage, "'from' and 'as' are required");
        var from = StageArguments.String(Stage, fromValue, "'from'");
        if (from.Length == 0) throw StageArguments.Invalid(Stage, "'from' must name a collection");
        var hasLocal = spec.TryGetValue("localField", out var localField);
        var hasForeign = spec.TryGetValue("foreignField", out var foreignField);
        if (hasLocal != hasForeign) throw StageArguments.Invalid(Stage, "'localField' and 'foreignField' must be given together");
        var hasPipeline = spec.TryGetValue("pipeline", out var pipelineValue);
        if (!hasLocal && !hasPipeline) throw StageArguments.Invalid(Stage, "needs 'localField' and 'foreignField', or 'pipeline'");
        if (spec.Contains("let") && !hasPipeline) throw StageArguments.Invalid(Stage, "'let' is only allowed with 'pipeline'");

        var let = ParseLet(spec, variables);
        var stages = hasPipeline ? ParseStages(pipelineValue!) : null;
        var parsed = stages is null
            ? null
            : PipelineParser.Parse(stages, variables.With([.. let.Select(l => Binding(l.Key, null))]), limits, depth + 1);
        var localPath = hasLocal ? StageArguments.DottedPath(Stage, localField!, "'localField'") : null;
        var options = new Options(
            from,
            StageArguments.DottedPath(Stage, asValue, "'as'"),
            localPath is null ? null : variables.Compile("$" + string.Join('.', localPath)),
            hasForeign ? StageArguments.DottedPath(Stage, foreignField!, "'foreignField'") : null,
            let,
            stages,
            parsed,
            variables);
        return new LookupStage(options, limits, depth);
    }

    private static KeyValuePair<string, CompiledExpression>[] ParseLet(BsonDocument spec, PipelineVariables variables)
    {
        if (!spec.TryGetValue("let", out var letValue)) return [];
        var let = StageArguments.Object(Stage, letValue, "'let'");
        // Checked here because the $let that will bind them would also accept rebinding CURRENT.
        foreach (var element in let) VariableScope.ValidateUserName(element.Name);
        return [.. let.Select(e => new KeyValuePair<string, CompiledExpression>(e.Name, variables.Compile(e.Value)))];
    }

    private static List<BsonDocument> ParseStages(BsonValue value)
    {
        if (value is not BsonArray array || array.Any(s => s is not BsonDocument))
            throw StageArguments.Invalid(Stage, "'pipeline' must be an array of stage objects");
        return [.. array.Select(s => s.AsBsonDocument)];
    }

    public override IEnumerable<BsonDocument> Apply(IEnumerable<BsonDocument> input, AggregationContext context)
    {
        List<BsonDocument>? foreign = null;
        ForeignKeyIndex? index = null;
        foreach (var document in input)
        {
            foreign ??= [.. context.Collection(_options.From)];
            if (_options.ForeignField is not null) index ??= new ForeignKeyIndex(foreign, _options.ForeignField);
            var candidates = index is null ? foreign : index.Matching(LocalKeys(document));
            var joined = _options.Stages is null ? candidates : RunPipeline(document, candidates, context);
            yield return DocumentPaths.With(document, _options.As, Gather(joined));
        }
    }

    /// <summary>The values to look up: each element of a local array, else the value itself, null when missing.</summary>
    private IEnumerable<BsonValue> LocalKeys(BsonDocument document) =>
        _options.LocalField!.EvaluateOrMissing(document) switch
        {
            null => [BsonNull.Value],
            BsonArray array => array,
            var value => [value],
        };

    /// <summary>
    /// Without <c>let</c>, the pipeline parsed up front already holds every value it can see (those of enclosing
    /// lookups were real when this stage was parsed for this document); with it, it is compiled for this document.
    /// </summary>
    private IEnumerable<BsonDocument> RunPipeline(BsonDocument document, IEnumerable<BsonDocument> candidates, AggregationContext context)
    {
        var pipeline = _options.Let.Length == 0
            ? _options.Pipeline!
            : PipelineParser.Parse(
                _options.Stages!,
                _options.Variables.With([.. _options.Let.Select(l => Binding(l.Key, l.Value.EvaluateOrMissing(document)))]),
                _limits,
                _depth + 1);
        return pipeline.Run(candidates, context);
    }

    private static KeyValuePair<string, BsonValue?> Binding(string name, BsonValue? value) => new(name, value);

    /// <summary>The joined documents as the <c>as</c> array, refused past the byte limit as MongoDB refuses them past 100 MB.</summary>
    private BsonArray Gather(IEnumerable<BsonDocument> joined)
    {
        var budget = new BufferBudget(Stage, _limits.MaxBufferedBytes);
        var array = new BsonArray();
        foreach (var document in joined)
        {
            budget.Charge(BsonSize.Of(document));
            array.Add(document);
        }
        return array;
    }

    private sealed record Options(
        string From,
        string[] As,
        CompiledExpression? LocalField,
        string[]? ForeignField,
        KeyValuePair<string, CompiledExpression>[] Let,
        List<BsonDocument>? Stages,
        AggregationPipeline? Pipeline,
        PipelineVariables Variables);
}
