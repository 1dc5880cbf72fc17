using MongoDB.Bson;
using System.Text;

namespace ActorCloud.Documents.Expressions;

/// <summary>String operators measured in UTF-8 bytes or in code points, <c>$split</c> and <c>$strcasecmp</c>.</summary>
internal static class StringOperators
{
    public static CompiledExpression? TryCompile(OperatorCall call) => call.Name switch
    {
        "$strLenBytes" => call.Unary(v => new BsonInt32(Encoding.UTF8.GetByteCount(Operand.String("$strLenBytes", v)))),
        "$substr" or "$substrBytes" => call.Variadic(3, 3, v => SubstrBytes(call.Name, v[0], v[1], v[2])),
        "$indexOfBytes" => call.Variadic(2, 4, IndexOfBytes),
        "$indexOfCP" => call.Variadic(2, 4, IndexOfCP),
        "$split" => call.Binary(Split),
        "$strcasecmp" => call.Binary(StrCaseCmp),
        _ => null,
    };

    /// <summary>
    /// Start and length count bytes and may not cut a character in two; a negative length means the rest.
    /// The input is coerced to a string (null becomes ""), as MongoDB's <c>$substr</c> does.
    /// </summary>
    private static BsonValue SubstrBytes(string name, BsonValue? value, BsonValue? start, BsonValue? length)
    {
        var bytes = Encoding.UTF8.GetBytes(ValueOperators.StringOf(name, value));
        if (start is null || !Bson.BsonValueComparer.IsNumber(start))
            throw DocumentException.InvalidParam($"{name}: starting index must be a numeric type (is BSON type {Operand.TypeName(start)})");
        if (length is null || !Bson.BsonValueComparer.IsNumber(length))
            throw DocumentException.InvalidParam($"{name}: length must be a numeric type (is BSON type {Operand.TypeName(length)})");
        var from = (long)start.ToDouble();
        if (from < 0) throw DocumentException.InvalidParam($"{name}: starting index must be non-negative (got: {from})");
        var count = (long)length.ToDouble();
        if (from >= bytes.Length) return new BsonString("");
        var end = count < 0 ? bytes.Length : Math.Min(bytes.Length, from + count);
        if (IsContinuation(bytes, from))
            throw DocumentException.InvalidParam($"{name}: invalid range, starting index is a UTF-8 continuation byte.");
        if (IsContinuation(bytes, end))
            throw DocumentException.InvalidParam($"{name}: invalid range, ending index is in the middle of a UTF-8 character.");
        return new BsonString(Encoding.UTF8.GetString(bytes, (int)from, (int)(end - from)));
    }

    private static bool IsContinuation(byte[] bytes, long index) => index < bytes.Length && (bytes[index] & 0xC0) == 0x80;

    private static BsonValue IndexOfBytes(BsonValue?[] arguments)
    {
        if (Operand.IsNullish(arguments[0])) return BsonNull.Value;
        var text = Encoding.UTF8.GetBytes(Operand.String("$indexOfBytes", arguments[0], "first argument"));
        var token = Encoding.UTF8.GetBytes(Operand.String("$indexOfBytes", arguments[1], "second argument"));
        return new BsonInt32(IndexOf(text, token, arguments, "$indexOfBytes"));
    }

    private static BsonValue IndexOfCP(BsonValue?[] arguments)
    {
        if (Operand.IsNullish(arguments[0])) return BsonNull.Value;
        var text = Operand.String("$indexOfCP", arguments[0], "first argument").EnumerateRunes().Select(r => r.Value).ToArray();
        var token = Operand.String("$indexOfCP", arguments[1], "second argument").EnumerateRunes().Select(r => r.Value).ToArray();
        return new BsonInt32(IndexOf(text, token, arguments, "$indexOfCP"));
    }

    /// <summary>The first position in [start, end) where the whole token fits, or -1.</summary>
    private static int IndexOf<T>(T[] text, T[] token, BsonValue?[] arguments, string name) where T : IEquatable<T>
    {
        var start = arguments.Length > 2 ? ArrayOperators.NonNegative(name, arguments[2], "starting index") : 0;
        var end = arguments.Length > 3 ? ArrayOperators.NonNegative(name, arguments[3], "ending index") : text.Length;
        end = Math.Min(end, text.Length);
        if (start > text.Length || start > end) return -1;
        for (var i = start; i + token.Length <= end; i++)
        {
            if (text.AsSpan(i, token.Length).SequenceEqual(token)) return i;
        }
        return -1;
    }

    private static BsonValue Split(BsonValue? value, BsonValue? delimiter)
    {
        if (Operand.IsNullish(value) || Operand.IsNullish(delimiter)) return BsonNull.Value;
        var text = Operand.String("$split", value, "first argument");
        var separator = Operand.String("$split", delimiter, "second argument");
        if (separator.Length == 0) throw DocumentException.InvalidParam("$split requires a non-empty separator");
        return new BsonArray(text.Split(separator).Select(part => new BsonString(part)));
    }

    /// <summary>Compares the UTF-8 bytes after folding ASCII letters only, as MongoDB does.</summary>
    private static BsonValue StrCaseCmp(BsonValue? left, BsonValue? right)
    {
        var a = Encoding.UTF8.GetBytes(ValueOperators.StringOf("$strcasecmp", left).ToUpperInvariantAscii());
        var b = Encoding.UTF8.GetBytes(ValueOperators.StringOf("$strcasecmp", right).ToUpperInvariantAscii());
        return new BsonInt32(Math.Sign(a.AsSpan().SequenceCompareTo(b)));
    }

    private static string ToUpperInvariantAscii(this string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = char.IsAsciiLetterLower(source[i]) ? (char)(source[i] - 32) : source[i];
        });
}
