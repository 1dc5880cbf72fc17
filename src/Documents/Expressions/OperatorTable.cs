using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary>
/// Maps each supported operator name to its compiled node. The core operators are here; each group of the
/// rest compiles its own names and answers null for names it does not own.
/// </summary>
internal static class OperatorTable
{
    public static CompiledExpression Compile(OperatorCall call) =>
        CompileCore(call)
        ?? VariableOperators.TryCompile(call)
        ?? MathOperators.TryCompile(call)
        ?? ArrayOperators.TryCompile(call)
        ?? SetOperators.TryCompile(call)
        ?? StringOperators.TryCompile(call)
        ?? ObjectOperators.TryCompile(call)
        ?? ConversionOperators.TryCompile(call)
        ?? DateOperators.TryCompile(call)
        ?? StatisticsOperators.TryCompile(call)
        ?? throw DocumentException.InvalidOperator($"unknown or unsupported expression operator: {call.Name}");

    private static CompiledExpression? CompileCore(OperatorCall call)
    {
        var name = call.Name;
        return name switch
        {
            "$literal" => new ConstantExpression(call.Operand),
            "$cond" => CompileCond(call),
            "$switch" => SwitchExpression.Compile(call),
            "$eq" => call.Binary((a, b) => Operand.Bool(ValueOperators.Compare(a, b) == 0)),
            "$ne" => call.Binary((a, b) => Operand.Bool(ValueOperators.Compare(a, b) != 0)),
            "$gt" => call.Binary((a, b) => Operand.Bool(ValueOperators.Compare(a, b) > 0)),
            "$gte" => call.Binary((a, b) => Operand.Bool(ValueOperators.Compare(a, b) >= 0)),
            "$lt" => call.Binary((a, b) => Operand.Bool(ValueOperators.Compare(a, b) < 0)),
            "$lte" => call.Binary((a, b) => Operand.Bool(ValueOperators.Compare(a, b) <= 0)),
            "$cmp" => call.Binary(ValueOperators.Cmp),
            "$add" => new VariadicExpression(call.Arguments(), ArithmeticOperators.Add),
            "$multiply" => new VariadicExpression(call.Arguments(), ArithmeticOperators.Multiply),
            "$subtract" => call.Binary(ArithmeticOperators.Subtract),
            "$divide" => call.Binary(ArithmeticOperators.Divide),
            "$mod" => call.Binary(ArithmeticOperators.Mod),
            "$pow" => call.Binary(ArithmeticOperators.Pow),
            "$sqrt" => call.Unary(ArithmeticOperators.Sqrt),
            "$abs" => call.Unary(ArithmeticOperators.Abs),
            "$ceil" => call.Unary(v => ArithmeticOperators.Round(name, v, Math.Ceiling)),
            "$floor" => call.Unary(v => ArithmeticOperators.Round(name, v, Math.Floor)),
            "$trunc" => call.Unary(v => ArithmeticOperators.Round(name, v, Math.Truncate)),
            "$and" => new AndExpression(call.Arguments()),
            "$or" => new OrExpression(call.Arguments()),
            "$not" => call.Unary(v => Operand.Bool(!ExpressionEvaluator.IsTruthy(v))),
            "$ifNull" => call.Arguments() is { Length: >= 2 } args ? new IfNullExpression(args) : throw call.ArgumentCount("at least 2"),
            "$in" => call.Binary(ValueOperators.In),
            "$size" => call.Unary(ValueOperators.Size),
            "$arrayElemAt" => call.Binary(ValueOperators.ArrayElemAt),
            "$concat" => new VariadicExpression(call.Arguments(), ValueOperators.Concat),
            "$toLower" => call.Unary(ValueOperators.ToLower),
            "$toUpper" => call.Unary(ValueOperators.ToUpper),
            "$strLenCP" => call.Unary(ValueOperators.StrLenCP),
            "$substrCP" => call.Variadic(3, 3, v => ValueOperators.SubstrCP(v[0], v[1], v[2])),
            "$max" => call.Variadic(1, int.MaxValue, v => ValueOperators.Extreme(v, wantMax: true)),
            "$min" => call.Variadic(1, int.MaxValue, v => ValueOperators.Extreme(v, wantMax: false)),
            _ => null,
        };
    }

    private static CondExpression CompileCond(OperatorCall call)
    {
        if (call.Operand.BsonType == BsonType.Document)
        {
            var parts = call.Named("if", "then", "else");
            if (!parts.Contains("if") || !parts.Contains("then") || !parts.Contains("else"))
                throw DocumentException.InvalidParam("$cond needs 'if', 'then' and 'else'");
            return new CondExpression(call.Required(parts, "if"), call.Required(parts, "then"), call.Required(parts, "else"));
        }
        var args = call.Arguments();
        if (args.Length != 3) throw call.ArgumentCount("3");
        return new CondExpression(args[0], args[1], args[2]);
    }
}
