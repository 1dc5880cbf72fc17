using MongoDB.Bson;

namespace ActorCloud.Documents.Rules;

/// <summary>
/// Recursive descent over the tokens, precedence from loosest: <c>||</c>, <c>&amp;&amp;</c>, <c>== !=</c>,
/// <c>&lt; &lt;= &gt; &gt;= in</c>, <c>+ -</c>, unary <c>! -</c>, then member access. Every identifier, function
/// and limit is checked here so that evaluation never meets a malformed tree.
/// </summary>
internal sealed class RuleParser
{
    public const int MaxNesting = 32;
    public const int MaxGetCalls = 3;
    public const int MaxGetNesting = 2;

    private static readonly HashSet<string> AuthFields = ["openid", "uid", "loginType"];

    private readonly List<RuleToken> _tokens;
    private readonly RuleTarget _target;
    private readonly string? _key;
    private int _position;
    private int _nesting;
    private int _getCalls;
    private int _getNesting;

    private RuleParser(List<RuleToken> tokens, RuleTarget target, string? key)
    {
        _tokens = tokens;
        _target = target;
        _key = key;
    }

    public bool ReadsDoc { get; private set; }

    /// <summary>The field of the first <c>doc.&lt;field&gt; == auth.openid</c> comparison, to tell clients what their query lacks.</summary>
    public string? OpenidField { get; private set; }

    public static (RuleNode Root, RuleParser Facts) Parse(string text, RuleTarget target, string? key)
    {
        var parser = new RuleParser(RuleLexer.Tokenize(text, key), target, key);
        var root = parser.ParseOr();
        if (parser.Current.Kind != TokenKind.End) throw parser.Unexpected();
        if (root is ArrayNode || root is LiteralNode { Value: not BsonBoolean })
            throw RuleException.For(key, "the expression is a value, not a condition");
        return (root, parser);
    }

    private RuleToken Current => _tokens[_position];

    private int LastEnd => _tokens[_position - 1].End;

    private RuleToken Advance() => _tokens[_position++];

    private bool Accept(string symbol)
    {
        if (!Current.Is(symbol)) return false;
        _position++;
        return true;
    }

    private void Expect(string symbol)
    {
        if (!Accept(symbol)) throw Fail($"expected '{symbol}' but found {Current.Describe()}", Current.Start);
    }

    private RuleException Fail(string problem, int at) => RuleException.For(_key, $"{problem} at {at}");

    private RuleException Unexpected() => Fail($"unexpected {Current.Describe()}", Current.Start);

    private void Enter(int at)
    {
        if (++_nesting > MaxNesting) throw Fail($"expression nests deeper than {MaxNesting} levels", at);
    }

    private void Leave() => _nesting--;

    private RuleNode ParseOr() => ParseLogical(isAnd: false);

    private RuleNode ParseLogical(bool isAnd)
    {
        var symbol = isAnd ? "&&" : "||";
        var first = isAnd ? ParseEquality() : ParseLogical(isAnd: true);
        if (!Current.Is(symbol)) return first;
        var operands = new List<RuleNode> { first };
        while (Accept(symbol)) operands.Add(isAnd ? ParseEquality() : ParseLogical(isAnd: true));
        return new LogicalNode(isAnd, operands, first.Start, LastEnd);
    }

    private RuleNode ParseEquality()
    {
        var left = ParseRelational();
        while (Current.Is("==") || Current.Is("!="))
        {
            var op = Advance().Text == "==" ? BinaryOp.Equal : BinaryOp.NotEqual;
            var right = ParseRelational();
            if (op == BinaryOp.Equal) NoteOpenidComparison(left, right);
            left = new BinaryNode(op, left, right, left.Start, LastEnd);
        }
        return left;
    }

    private RuleNode ParseRelational()
    {
        var left = ParseAdditive();
        while (true)
        {
            BinaryOp? op = Current switch
            {
                { Kind: TokenKind.Symbol, Text: "<" } => BinaryOp.Less,
                { Kind: TokenKind.Symbol, Text: "<=" } => BinaryOp.LessOrEqual,
                { Kind: TokenKind.Symbol, Text: ">" } => BinaryOp.Greater,
                { Kind: TokenKind.Symbol, Text: ">=" } => BinaryOp.GreaterOrEqual,
                { Kind: TokenKind.Word, Text: "in" } => BinaryOp.In,
                _ => null,
            };
            if (op is null) return left;
            Advance();
            var right = ParseAdditive();
            left = new BinaryNode(op.Value, left, right, left.Start, LastEnd);
        }
    }

    private RuleNode ParseAdditive()
    {
        var left = ParseUnary();
        while (Current.Is("+") || Current.Is("-"))
        {
            var op = Advance().Text == "+" ? BinaryOp.Add : BinaryOp.Subtract;
            var right = ParseUnary();
            left = new BinaryNode(op, left, right, left.Start, LastEnd);
        }
        return left;
    }

    private RuleNode ParseUnary()
    {
        if (!Current.Is("!") && !Current.Is("-")) return ParsePostfix(ParsePrimary());
        var token = Advance();
        Enter(token.Start);
        var operand = ParseUnary();
        Leave();
        return token.Text == "!"
            ? new NotNode(operand, token.Start, LastEnd)
            : new NegateNode(operand, token.Start, LastEnd);
    }

    private RuleNode ParsePostfix(RuleNode target)
    {
        while (true)
        {
            if (Accept("."))
            {
                var name = Advance();
                if (name.Kind != TokenKind.Word) throw Fail($"expected a field name after '.' but found {name.Describe()}", name.Start);
                target = Member(target, name.Text, name.Start);
            }
            else if (Current.Is("["))
            {
                var open = Advance();
                Enter(open.Start);
                var index = ParseOr();
                Expect("]");
                Leave();
                target = index is LiteralNode { Value: BsonString name }
                    ? Member(target, name.Value, index.Start)
                    : new IndexNode(target, index, target.Start, LastEnd);
            }
            else
            {
                return target;
            }
        }
    }

    private MemberNode Member(RuleNode target, string name, int at)
    {
        if (target is RootNode { Root: RuleRoot.Auth } && !AuthFields.Contains(name))
            throw Fail($"auth has no field '{name}' (only openid, uid, loginType)", at);
        return new MemberNode(target, name, target.Start, LastEnd);
    }

    private RuleNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number or TokenKind.String:
                Advance();
                return new LiteralNode(token.Literal!, token.Start, token.End);
            case TokenKind.Word:
                Advance();
                return Identifier(token);
        }
        if (Accept("("))
        {
            Enter(token.Start);
            var inner = ParseOr();
            Expect(")");
            Leave();
            return inner;
        }
        if (Accept("[")) return ArrayLiteral(token);
        throw Unexpected();
    }

    private ArrayNode ArrayLiteral(RuleToken open)
    {
        Enter(open.Start);
        var items = new List<RuleNode>();
        if (!Accept("]"))
        {
            do items.Add(ParseOr());
            while (Accept(","));
            Expect("]");
        }
        Leave();
        return new ArrayNode(items, open.Start, LastEnd);
    }

    private RuleNode Identifier(RuleToken word)
    {
        if (Current.Is("("))
        {
            if (word.Text != "get") throw Fail($"unknown function '{word.Text}'", word.Start);
            return Get(word);
        }
        switch (word.Text)
        {
            case "true" or "false":
                return new LiteralNode(word.Text == "true", word.Start, word.End);
            case "null":
                return new LiteralNode(BsonNull.Value, word.Start, word.End);
            case "auth":
                return new RootNode(RuleRoot.Auth, word.Start, word.End);
            case "now":
                return new RootNode(RuleRoot.Now, word.Start, word.End);
            case "doc":
                if (_target != RuleTarget.Database) throw Fail("'doc' is only available in database rules (use 'resource')", word.Start);
                ReadsDoc = true;
                return new RootNode(RuleRoot.Doc, word.Start, word.End);
            case "resource":
                if (_target != RuleTarget.Storage) throw Fail("'resource' is only available in storage rules (use 'doc')", word.Start);
                return new RootNode(RuleRoot.Resource, word.Start, word.End);
            case "request":
                if (!Accept(".") || !Current.IsWord("data")) throw Fail("'request' only has 'data' (write request.data)", word.Start);
                Advance();
                return new RootNode(RuleRoot.RequestData, word.Start, LastEnd);
            case "get":
                throw Fail("get must be called as get('database.<collection>.<id>')", word.Start);
            case "in":
                throw Fail("unexpected 'in'", word.Start);
            default:
                throw Fail($"unknown identifier '{word.Text}'", word.Start);
        }
    }

    private GetNode Get(RuleToken word)
    {
        if (_target != RuleTarget.Database) throw Fail("get() is only available in database rules", word.Start);
        if (++_getCalls > MaxGetCalls) throw Fail($"more than {MaxGetCalls} get() calls", word.Start);
        if (++_getNesting > MaxGetNesting) throw Fail($"get() nested deeper than {MaxGetNesting} levels", word.Start);
        var open = Advance();
        Enter(open.Start);
        var argument = ParseOr();
        if (Current.Is(",")) throw Fail("get() takes exactly one argument", Current.Start);
        Expect(")");
        Leave();
        _getNesting--;
        if (argument is LiteralNode { Value: var literal })
        {
            if (literal is not BsonString path) throw Fail("get() needs a string path", argument.Start);
            if (GetPath.Parse(path.Value, out var problem) is null) throw Fail($"invalid get() path: {problem}", argument.Start);
        }
        return new GetNode(argument, word.Start, LastEnd);
    }

    private void NoteOpenidComparison(RuleNode left, RuleNode right)
    {
        if (OpenidField is not null) return;
        OpenidField = IsAuthOpenid(right) ? DocPath(left) : IsAuthOpenid(left) ? DocPath(right) : null;
    }

    private static bool IsAuthOpenid(RuleNode node) =>
        node is MemberNode { Name: "openid", Target: RootNode { Root: RuleRoot.Auth } };

    private static string? DocPath(RuleNode node) => node switch
    {
        MemberNode { Target: RootNode { Root: RuleRoot.Doc } } member => member.Name,
        MemberNode member when DocPath(member.Target) is { } parent => $"{parent}.{member.Name}",
        _ => null,
    };
}
