using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary>One operator occurrence being compiled: its name, raw operand and the variables in scope there.</summary>
internal readonly struct OperatorCall(string name, BsonValue operand, VariableScope scope)
{
    public string Name => name;

    public BsonValue Operand => operand;

    public VariableScope Scope => scope;

    public CompiledExpression Compile(BsonValue expression) => ExpressionEvaluator.Compile(expression, scope);

    /// <summary>An array operand lists the arguments; any other operand is the single argument.</summary>
    public CompiledExpression[] Arguments()
    {
        if (operand.BsonType != BsonType.Array) return [Compile(operand)];
        var items = operand.AsBsonArray;
        var args = new CompiledExpression[items.Count];
        for (var i = 0; i < items.Count; i++) args[i] = Compile(items[i]);
        return args;
    }

    public CompiledExpression Unary(Func<BsonValue?, BsonValue?> apply)
    {
        var args = Arguments();
        return args.Length == 1 ? new UnaryExpression(args[0], apply) : throw ArgumentCount("1");
    }

    public CompiledExpression Binary(Func<BsonValue?, BsonValue?, BsonValue?> apply)
    {
        var args = Arguments();
        return args.Length == 2 ? new BinaryExpression(args[0], args[1], apply) : throw ArgumentCount("2");
    }

    public CompiledExpression Variadic(int min, int max, Func<BsonValue?[], BsonValue?> apply)
    {
        var args = Arguments();
        if (args.Length < min || args.Length > max)
        {
            var expected = max == int.MaxValue ? $"at least {min}" : min == max ? $"{min}" : $"{min} to {max}";
            throw ArgumentCount(expected);
        }
        return new VariadicExpression(args, apply);
    }

    /// <summary>The operand of the <c>{name: expr, …}</c> form, refusing fields the operator does not know.</summary>
    public BsonDocument Named(params string[] allowed)
    {
        if (operand.BsonType != BsonType.Document) throw DocumentException.InvalidParam($"{name} expects an object as its argument");
        foreach (var element in operand.AsBsonDocument)
        {
            if (Array.IndexOf(allowed, element.Name) < 0)
                throw DocumentException.InvalidParam($"unrecognized parameter to {name}: {element.Name}");
        }
        return operand.AsBsonDocument;
    }

    public CompiledExpression? Optional(BsonDocument parts, string field) =>
        parts.TryGetValue(field, out var value) ? Compile(value) : null;

    public CompiledExpression Required(BsonDocument parts, string field, string? message = null) =>
        Optional(parts, field) ?? throw DocumentException.InvalidParam(message ?? $"missing '{field}' parameter to {name}");

    public DocumentException ArgumentCount(string expected) =>
        DocumentException.InvalidParam($"expression {name} takes {expected} argument(s)");
}

/// <summary>
/// Operand checks shared by the operator groups. A value of the wrong type or outside an operator's domain is
/// INVALID_PARAM, at compile time or while evaluating alike; DATABASE_REQUEST_FAILED is kept for computations
/// that fail on acceptable operands (conversions, date parsing, decimal overflow, a <c>$switch</c> without match).
/// </summary>
internal static class Operand
{
    public static bool IsNullish(BsonValue? value) => value is null || value.IsBsonNull || value.IsBsonUndefined;

    public static BsonArray Array(string name, BsonValue value, string what = "argument") => value.BsonType == BsonType.Array
        ? value.AsBsonArray
        : throw DocumentException.InvalidParam($"{name}'s {what} must be an array, but is {TypeName(value)}");

    public static string String(string name, BsonValue? value, string what = "argument") => value is { BsonType: BsonType.String }
        ? value.AsString
        : throw DocumentException.InvalidParam($"{name} requires a string as its {what}, found: {TypeName(value)}");

    /// <summary>A number with an integral value that fits in 32 bits, as MongoDB requires for indexes and counts.</summary>
    public static int Int(string name, BsonValue? value, string what)
    {
        if (value is null || !BsonValueComparer.IsNumber(value))
            throw DocumentException.InvalidParam($"{name}'s {what} must be a number, found: {TypeName(value)}");
        var d = value.ToDouble();
        if (d != Math.Floor(d) || d < int.MinValue || d > int.MaxValue)
            throw DocumentException.InvalidParam($"{name}'s {what} must be representable as a 32-bit integer: {d}");
        return (int)d;
    }

    public static BsonValue Bool(bool value) => value ? BsonBoolean.True : BsonBoolean.False;

    /// <summary>The names <c>$type</c> reports, also used in messages.</summary>
    public static string TypeName(BsonValue? value) => value is null ? "missing" : BsonTypeNames.Of(value.BsonType);
}
