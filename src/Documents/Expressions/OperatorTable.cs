using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary>Maps each supported operator name to its compiled node, validating the argument count.</summary>
internal static class OperatorTable
{
    public static CompiledExpression Compile(string name, BsonValue operand)
    {
        if (name == "$literal") return new ConstantExpression(operand);
        if (name == "$cond") return CompileCond(operand);
        var args = Arguments(operand);
        return name switch
        {
            "$eq" => Binary(name, args, (a, b) => Bool(ValueOperators.Compare(a, b) == 0)),
            "$ne" => Binary(name, args, (a, b) => Bool(ValueOperators.Compare(a, b) != 0)),
            "$gt" => Binary(name, args, (a, b) => Bool(ValueOperators.Compare(a, b) > 0)),
            "$gte" => Binary(name, args, (a, b) => Bool(ValueOperators.Compare(a, b) >= 0)),
            "$lt" => Binary(name, args, (a, b) => Bool(ValueOperators.Compare(a, b) < 0)),
            "$lte" => Binary(name, args, (a, b) => Bool(ValueOperators.Compare(a, b) <= 0)),
            "$cmp" => Binary(name, args, ValueOperators.Cmp),
            "$add" => new VariadicExpression(args, ArithmeticOperators.Add),
            "$multiply" => new VariadicExpression(args, ArithmeticOperators.Multiply),
            "$subtract" => Binary(name, args, ArithmeticOperators.Subtract),
            "$divide" => Binary(name, args, ArithmeticOperators.Divide),
            "$mod" => Binary(name, args, ArithmeticOperators.Mod),
            "$pow" => Binary(name, args, ArithmeticOperators.Pow),
            "$sqrt" => Unary(name, args, ArithmeticOperators.Sqrt),
            "$abs" => Unary(name, args, ArithmeticOperators.Abs),
            "$ceil" => Unary(name, args, v => ArithmeticOperators.Round(name, v, Math.Ceiling)),
            "$floor" => Unary(name, args, v => ArithmeticOperators.Round(name, v, Math.Floor)),
            "$trunc" => Unary(name, args, v => ArithmeticOperators.Round(name, v, Math.Truncate)),
            "$and" => new AndExpression(args),
            "$or" => new OrExpression(args),
            "$not" => Unary(name, args, v => Bool(!ExpressionEvaluator.IsTruthy(v))),
            "$ifNull" => args.Length >= 2 ? new IfNullExpression(args) : throw ArgumentCount(name, "at least 2"),
            "$in" => Binary(name, args, ValueOperators.In),
            "$size" => Unary(name, args, ValueOperators.Size),
            "$arrayElemAt" => Binary(name, args, ValueOperators.ArrayElemAt),
            "$concat" => new VariadicExpression(args, ValueOperators.Concat),
            "$toLower" => Unary(name, args, ValueOperators.ToLower),
            "$toUpper" => Unary(name, args, ValueOperators.ToUpper),
            "$strLenCP" => Unary(name, args, ValueOperators.StrLenCP),
            "$substrCP" => args.Length == 3
                ? new VariadicExpression(args, v => ValueOperators.SubstrCP(v[0], v[1], v[2]))
                : throw ArgumentCount(name, "3"),
            "$max" => NonEmpty(name, args, v => ValueOperators.Extreme(v, wantMax: true)),
            "$min" => NonEmpty(name, args, v => ValueOperators.Extreme(v, wantMax: false)),
            _ => throw DocumentException.InvalidOperator($"unknown or unsupported expression operator: {name}"),
        };
    }

    /// <summary>An array operand lists the arguments; any other operand is the single argument.</summary>
    private static CompiledExpression[] Arguments(BsonValue operand)
    {
        if (operand.BsonType != BsonType.Array) return [ExpressionEvaluator.Compile(operand)];
        var items = operand.AsBsonArray;
        var args = new CompiledExpression[items.Count];
        for (var i = 0; i < items.Count; i++) args[i] = ExpressionEvaluator.Compile(items[i]);
        return args;
    }

    private static CompiledExpression CompileCond(BsonValue operand)
    {
        if (operand.BsonType == BsonType.Document)
        {
            var parts = operand.AsBsonDocument;
            foreach (var element in parts)
            {
                if (element.Name is not ("if" or "then" or "else"))
                    throw DocumentException.InvalidParam($"unrecognized parameter to $cond: {element.Name}");
            }
            if (!parts.Contains("if") || !parts.Contains("then") || !parts.Contains("else"))
                throw DocumentException.InvalidParam("$cond needs 'if', 'then' and 'else'");
            return new CondExpression(
                ExpressionEvaluator.Compile(parts["if"]), ExpressionEvaluator.Compile(parts["then"]), ExpressionEvaluator.Compile(parts["else"]));
        }
        var args = Arguments(operand);
        if (args.Length != 3) throw ArgumentCount("$cond", "3");
        return new CondExpression(args[0], args[1], args[2]);
    }

    private static BsonValue Bool(bool value) => value ? BsonBoolean.True : BsonBoolean.False;

    private static BinaryExpression Binary(string name, CompiledExpression[] args, Func<BsonValue?, BsonValue?, BsonValue?> apply) =>
        args.Length == 2 ? new BinaryExpression(args[0], args[1], apply) : throw ArgumentCount(name, "2");

    private static UnaryExpression Unary(string name, CompiledExpression[] args, Func<BsonValue?, BsonValue?> apply) =>
        args.Length == 1 ? new UnaryExpression(args[0], apply) : throw ArgumentCount(name, "1");

    private static VariadicExpression NonEmpty(string name, CompiledExpression[] args, Func<BsonValue?[], BsonValue?> apply) =>
        args.Length > 0 ? new VariadicExpression(args, apply) : throw ArgumentCount(name, "at least 1");

    private static DocumentException ArgumentCount(string name, string expected) =>
        DocumentException.InvalidParam($"expression {name} takes {expected} argument(s)");
}
