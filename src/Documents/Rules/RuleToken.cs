using MongoDB.Bson;

namespace ActorCloud.Documents.Rules;

internal enum TokenKind
{
    Number,
    String,
    Word,
    Symbol,
    End,
}

/// <summary>One lexical token; <see cref="Literal"/> holds a number's or string's decoded value.</summary>
internal readonly record struct RuleToken(TokenKind Kind, string Text, int Start, int End, BsonValue? Literal = null)
{
    public bool Is(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    public bool IsWord(string word) => Kind == TokenKind.Word && Text == word;

    public string Describe() => Kind == TokenKind.End ? "end of expression" : $"'{Text}'";
}
