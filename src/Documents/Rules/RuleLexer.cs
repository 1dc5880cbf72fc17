using System.Globalization;
using System.Text;
using MongoDB.Bson;

namespace ActorCloud.Documents.Rules;

/// <summary>Splits an expression into tokens, refusing more than <see cref="MaxTokens"/> so parsing and evaluation stay bounded.</summary>
internal static class RuleLexer
{
    public const int MaxTokens = 256;

    private static readonly string[] Symbols = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-", ".", "[", "]", "(", ")", ","];

    public static List<RuleToken> Tokenize(string text, string? key)
    {
        var tokens = new List<RuleToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i == text.Length)
            {
                tokens.Add(new RuleToken(TokenKind.End, "", i, i));
                return tokens;
            }
            if (tokens.Count == MaxTokens) throw RuleException.For(key, $"expression has more than {MaxTokens} tokens");
            var c = text[i];
            var token = c switch
            {
                _ when char.IsAsciiDigit(c) => Number(text, i, key),
                '\'' or '"' => String(text, i, key),
                _ when IsWordStart(c) => Word(text, i),
                _ => Symbol(text, i, key),
            };
            tokens.Add(token);
            i = token.End;
        }
    }

    private static bool IsWordStart(char c) => char.IsAsciiLetter(c) || c is '_' or '$';

    private static bool IsWordPart(char c) => IsWordStart(c) || char.IsAsciiDigit(c);

    private static RuleToken Word(string text, int start)
    {
        var end = start + 1;
        while (end < text.Length && IsWordPart(text[end])) end++;
        return new RuleToken(TokenKind.Word, text[start..end], start, end);
    }

    private static RuleToken Symbol(string text, int start, string? key)
    {
        foreach (var symbol in Symbols)
        {
            if (string.CompareOrdinal(text, start, symbol, 0, symbol.Length) == 0)
                return new RuleToken(TokenKind.Symbol, symbol, start, start + symbol.Length);
        }
        var what = text[start] == '=' ? "'=' (use '==' to compare)" : $"character '{text[start]}'";
        throw RuleException.For(key, $"unexpected {what} at {start}");
    }

    private static RuleToken Number(string text, int start, string? key)
    {
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        var integral = true;
        if (end + 1 < text.Length && text[end] == '.' && char.IsAsciiDigit(text[end + 1]))
        {
            integral = false;
            end++;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        }
        if (end < text.Length && text[end] is 'e' or 'E')
        {
            integral = false;
            var exponent = end + 1;
            if (exponent < text.Length && text[exponent] is '+' or '-') exponent++;
            if (exponent == text.Length || !char.IsAsciiDigit(text[exponent]))
                throw RuleException.For(key, $"invalid number at {start}");
            end = exponent;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        }
        if (end < text.Length && IsWordPart(text[end])) throw RuleException.For(key, $"invalid number at {start}");
        var source = text[start..end];
        return new RuleToken(TokenKind.Number, source, start, end, NumberValue(source, integral, start, key));
    }

    private static BsonValue NumberValue(string source, bool integral, int start, string? key)
    {
        if (integral && long.TryParse(source, NumberStyles.None, CultureInfo.InvariantCulture, out var whole))
            return whole is >= int.MinValue and <= int.MaxValue ? new BsonInt32((int)whole) : new BsonInt64(whole);
        var value = double.Parse(source, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value)) throw RuleException.For(key, $"number out of range at {start}");
        return new BsonDouble(value);
    }

    private static RuleToken String(string text, int start, string? key)
    {
        var quote = text[start];
        var value = new StringBuilder();
        var i = start + 1;
        while (true)
        {
            if (i >= text.Length) throw RuleException.For(key, $"unterminated string at {start}");
            var c = text[i++];
            if (c == quote) break;
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            if (i >= text.Length) throw RuleException.For(key, $"unterminated string at {start}");
            var escaped = text[i++];
            switch (escaped)
            {
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case '0': value.Append('\0'); break;
                case 'u':
                    if (i + 4 > text.Length || !ushort.TryParse(text.AsSpan(i, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        throw RuleException.For(key, $"invalid \\u escape at {i - 2}");
                    value.Append((char)code);
                    i += 4;
                    break;
                // Like JavaScript, any other escaped character stands for itself (\' \" \\ \/ …).
                default: value.Append(escaped); break;
            }
        }
        return new RuleToken(TokenKind.String, text[start..i], start, i, new BsonString(value.ToString()));
    }
}
