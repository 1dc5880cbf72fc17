using ActorCloud.Documents.Expressions;
using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>The running state of one accumulator over one group's documents.</summary>
internal abstract class Accumulator
{
    /// <summary>Takes one document's value (null when missing); returns how many more bytes the state holds.</summary>
    public abstract long Add(BsonValue? value);

    /// <summary>The accumulated value; MongoDB reports an accumulator that saw nothing as null.</summary>
    public abstract BsonValue Result();
}

/// <summary>
/// One output field of <c>$group</c>, <c>$bucket</c> or <c>$bucketAuto</c>: <c>{field: {$op: expression}}</c>,
/// the expression evaluated per document and fed to a fresh accumulator per group.
/// </summary>
internal sealed class AccumulatorSpec(string outputField, Func<Accumulator> start, CompiledExpression argument)
{
    private static readonly Dictionary<string, Func<Accumulator>> Accumulators = new(StringComparer.Ordinal)
    {
        ["$sum"] = () => new SumAccumulator(),
        ["$avg"] = () => new AvgAccumulator(),
        ["$stdDevPop"] = () => new StdDevAccumulator(sample: false),
        ["$stdDevSamp"] = () => new StdDevAccumulator(sample: true),
        ["$first"] = () => new FirstAccumulator(),
        ["$last"] = () => new LastAccumulator(),
        ["$max"] = () => new ExtremeAccumulator(wantMax: true),
        ["$min"] = () => new ExtremeAccumulator(wantMax: false),
        ["$push"] = () => new PushAccumulator(),
        ["$addToSet"] = () => new AddToSetAccumulator(),
        ["$mergeObjects"] = () => new MergeObjectsAccumulator(),
    };

    public string Field => outputField;

    /// <summary>The output fields of a stage, in the order they will appear after <c>_id</c>.</summary>
    public static AccumulatorSpec[] ParseAll(string stage, IEnumerable<BsonElement> fields, PipelineVariables variables)
    {
        var specs = new List<AccumulatorSpec>();
        foreach (var element in fields)
        {
            var name = element.Name;
            if (name.Length == 0 || name.StartsWith('$') || name.Contains('.'))
                throw StageArguments.Invalid(stage, $"the output field '{name}' must not be empty, start with '$' or contain '.'");
            specs.Add(Parse(stage, name, element.Value, variables));
        }
        return [.. specs];
    }

    /// <summary><c>{field: {$sum: 1}}</c>: what <c>$count: {}</c> means, and the default output of the bucket stages.</summary>
    public static AccumulatorSpec Count(string field) => new(field, Accumulators["$sum"], ExpressionEvaluator.Compile(1));

    public Accumulator Start() => start();

    public long Add(Accumulator accumulator, BsonDocument document) => accumulator.Add(argument.EvaluateOrMissing(document));

    private static AccumulatorSpec Parse(string stage, string field, BsonValue value, PipelineVariables variables)
    {
        if (value is not BsonDocument { ElementCount: 1 } spec || !spec.GetElement(0).Name.StartsWith('$'))
            throw StageArguments.Invalid(stage, $"the field '{field}' must be an accumulator object such as {{$sum: \"$x\"}}");
        var (op, operand) = (spec.GetElement(0).Name, spec.GetElement(0).Value);
        if (op == "$count")
        {
            return operand is BsonDocument { ElementCount: 0 }
                ? Count(field)
                : throw StageArguments.Invalid(stage, $"$count takes no arguments, i.e. $count: {{}} (field '{field}')");
        }
        if (!Accumulators.TryGetValue(op, out var factory))
            throw DocumentException.InvalidOperator($"{stage}: unknown or unsupported accumulator {op} (field '{field}')");
        // An array would be an expression in $project, but MongoDB refuses it here rather than guess.
        if (operand is BsonArray) throw StageArguments.Invalid(stage, $"the {op} accumulator is a unary operator (field '{field}')");
        return new AccumulatorSpec(field, factory, variables.Compile(operand));
    }
}
