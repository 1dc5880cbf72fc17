using ActorCloud.Documents.Aggregation;
using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary>
/// <c>$sum</c>, <c>$avg</c>, <c>$stdDevPop</c> and <c>$stdDevSamp</c> used as expressions (in <c>$project</c>,
/// <c>$addFields</c>…): the <c>$group</c> accumulator of the same name applied to one array operand's elements, or to
/// several operands themselves — so both forms skip non-numbers and widen alike.
/// </summary>
internal static class StatisticsOperators
{
    public static CompiledExpression? TryCompile(OperatorCall call) => call.Name switch
    {
        "$sum" => call.Variadic(1, int.MaxValue, v => Fold(new SumAccumulator(), v)),
        "$avg" => call.Variadic(1, int.MaxValue, v => Fold(new AvgAccumulator(), v)),
        "$stdDevPop" => call.Variadic(1, int.MaxValue, v => Fold(new StdDevAccumulator(sample: false), v)),
        "$stdDevSamp" => call.Variadic(1, int.MaxValue, v => Fold(new StdDevAccumulator(sample: true), v)),
        _ => null,
    };

    private static BsonValue Fold(Accumulator accumulator, BsonValue?[] operands)
    {
        IEnumerable<BsonValue?> values = operands.Length == 1 && operands[0] is BsonArray array ? array : operands;
        foreach (var value in values) accumulator.Add(value);
        return accumulator.Result();
    }
}
