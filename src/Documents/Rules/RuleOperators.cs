using System.Globalization;
using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Rules;

/// <summary>
/// The operators on concrete values. Equality is BSON value equality (numbers by value across int32, int64, double
/// and decimal; null equals null); ordering only holds between values of the same kind, so <c>'1' &lt; 2</c> is false.
/// </summary>
internal static class RuleOperators
{
    public static bool Equal(BsonValue left, BsonValue right) => BsonValueComparer.Instance.Equals(left, right);

    public static bool Compare(BinaryOp op, BsonValue left, BsonValue right)
    {
        switch (op)
        {
            case BinaryOp.Equal: return Equal(left, right);
            case BinaryOp.NotEqual: return !Equal(left, right);
        }
        if (BsonValueComparer.TypeRank(left) != BsonValueComparer.TypeRank(right)) return false;
        var order = BsonValueComparer.Instance.Compare(left, right);
        return op switch
        {
            BinaryOp.Less => order < 0,
            BinaryOp.LessOrEqual => order <= 0,
            BinaryOp.Greater => order > 0,
            _ => order >= 0,
        };
    }

    /// <summary>The same comparison with its operands swapped: <c>x &lt; y</c> is <c>y &gt; x</c>.</summary>
    public static BinaryOp Mirror(BinaryOp op) => op switch
    {
        BinaryOp.Less => BinaryOp.Greater,
        BinaryOp.LessOrEqual => BinaryOp.GreaterOrEqual,
        BinaryOp.Greater => BinaryOp.Less,
        BinaryOp.GreaterOrEqual => BinaryOp.LessOrEqual,
        _ => op,
    };

    public static bool Contains(BsonArray values, BsonValue value)
    {
        foreach (var item in values)
        {
            if (Equal(item, value)) return true;
        }
        return false;
    }

    /// <summary>String concatenation (a number joins as JavaScript prints it, for get() paths) or numeric addition.</summary>
    public static BsonValue Add(BsonValue left, BsonValue right)
    {
        if (left.IsString || right.IsString)
            return new BsonString(Text(left) + Text(right));
        return Arithmetic(left, right, subtract: false);
    }

    public static BsonValue Subtract(BsonValue left, BsonValue right) => Arithmetic(left, right, subtract: true);

    public static BsonValue Negate(BsonValue value) =>
        BsonValueComparer.IsNumber(value) ? Arithmetic(new BsonInt32(0), value, subtract: true) : throw NotANumber("-", value);

    private static BsonValue Arithmetic(BsonValue left, BsonValue right, bool subtract)
    {
        var symbol = subtract ? "-" : "+";
        if (!BsonValueComparer.IsNumber(left)) throw NotANumber(symbol, left);
        if (!BsonValueComparer.IsNumber(right)) throw NotANumber(symbol, right);
        if (left.IsDecimal128 || right.IsDecimal128)
        {
            try
            {
                var a = left.ToDecimal();
                var b = right.ToDecimal();
                return new BsonDecimal128(subtract ? a - b : a + b);
            }
            catch (OverflowException)
            {
                throw new RuleDenial($"'{symbol}' overflows");
            }
        }
        if (left.BsonType is BsonType.Int32 or BsonType.Int64 && right.BsonType is BsonType.Int32 or BsonType.Int64)
        {
            var a = left.ToInt64();
            var b = right.ToInt64();
            var sum = subtract ? a - b : a + b;
            var overflowed = subtract ? ((a ^ b) & (a ^ sum)) < 0 : (~(a ^ b) & (a ^ sum)) < 0;
            if (overflowed) return new BsonDouble(subtract ? (double)a - b : (double)a + b);
            return sum is >= int.MinValue and <= int.MaxValue ? new BsonInt32((int)sum) : new BsonInt64(sum);
        }
        var x = left.ToDouble();
        var y = right.ToDouble();
        return new BsonDouble(subtract ? x - y : x + y);
    }

    private static string Text(BsonValue value) => value.BsonType switch
    {
        BsonType.String => value.AsString,
        BsonType.Int32 or BsonType.Int64 => value.ToInt64().ToString(CultureInfo.InvariantCulture),
        BsonType.Double => value.AsDouble.ToString("R", CultureInfo.InvariantCulture),
        BsonType.Decimal128 => value.AsDecimal128.ToString(),
        _ => throw new RuleDenial($"cannot join a string and {Kind(value)} with '+'"),
    };

    private static RuleDenial NotANumber(string symbol, BsonValue value) => new($"'{symbol}' needs numbers, not {Kind(value)}");

    public static string Kind(BsonValue value) => value.BsonType switch
    {
        BsonType.Null or BsonType.Undefined => "null",
        BsonType.Document => "an object",
        BsonType.Array => "an array",
        BsonType.String => "a string",
        BsonType.Boolean => "a boolean",
        BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 => "a number",
        var type => $"a {type}",
    };
}
