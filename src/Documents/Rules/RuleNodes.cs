using MongoDB.Bson;

namespace ActorCloud.Documents.Rules;

/// <summary>
/// The parsed expression. Start and End are offsets into the source so errors and denials can quote the part at fault.
/// </summary>
internal abstract record RuleNode(int Start, int End);

internal sealed record LiteralNode(BsonValue Value, int Start, int End) : RuleNode(Start, End);

internal sealed record ArrayNode(IReadOnlyList<RuleNode> Items, int Start, int End) : RuleNode(Start, End);

internal enum RuleRoot
{
    Auth,
    Doc,
    RequestData,
    Now,
    Resource,
}

internal sealed record RootNode(RuleRoot Root, int Start, int End) : RuleNode(Start, End);

/// <summary><c>a.b</c>, and <c>a['b']</c> with a literal string key.</summary>
internal sealed record MemberNode(RuleNode Target, string Name, int Start, int End) : RuleNode(Start, End);

/// <summary><c>a[expr]</c> with a computed or numeric key.</summary>
internal sealed record IndexNode(RuleNode Target, RuleNode Index, int Start, int End) : RuleNode(Start, End);

internal sealed record GetNode(RuleNode Argument, int Start, int End) : RuleNode(Start, End);

internal sealed record NotNode(RuleNode Operand, int Start, int End) : RuleNode(Start, End);

internal sealed record NegateNode(RuleNode Operand, int Start, int End) : RuleNode(Start, End);

internal enum BinaryOp
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    In,
    Add,
    Subtract,
}

internal sealed record BinaryNode(BinaryOp Op, RuleNode Left, RuleNode Right, int Start, int End) : RuleNode(Start, End);

/// <summary><c>&amp;&amp;</c> and <c>||</c> chains kept flat, so a long chain costs no recursion depth.</summary>
internal sealed record LogicalNode(bool IsAnd, IReadOnlyList<RuleNode> Operands, int Start, int End) : RuleNode(Start, End);
