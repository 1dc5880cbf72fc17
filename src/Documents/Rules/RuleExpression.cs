namespace ActorCloud.Documents.Rules;

/// <summary>
/// One parsed rule: a JSON boolean or a CloudBase expression such as <c>doc._openid == auth.openid</c>. Parsed once
/// when the rule set is saved or loaded, then evaluated for every request by <see cref="RuleEvaluator"/>.
/// </summary>
public sealed class RuleExpression
{
    public const int MaxLength = 1024;

    private RuleExpression(string text, RuleTarget target, string? key, RuleNode root, bool readsDoc, string? openidField)
    {
        Text = text;
        Target = target;
        Key = key;
        Root = root;
        ReadsDoc = readsDoc;
        OpenidField = openidField;
    }

    /// <summary>The expression as written (<c>true</c>/<c>false</c> for JSON booleans).</summary>
    public string Text { get; }

    public RuleTarget Target { get; }

    /// <summary>The rule-set key it was saved under, for messages; null when parsed on its own.</summary>
    internal string? Key { get; }

    internal RuleNode Root { get; }

    /// <summary>Whether <c>doc</c> appears, i.e. whether the client's query has to be analysed at all.</summary>
    internal bool ReadsDoc { get; }

    internal string? OpenidField { get; }

    /// <summary>Parses an expression; throws <see cref="RuleException"/> for anything the evaluator would not understand.</summary>
    public static RuleExpression Parse(string text, RuleTarget target) => Parse(text, target, key: null);

    internal static RuleExpression Parse(string? text, RuleTarget target, string? key)
    {
        if (text is null) throw RuleException.For(key, "the expression is missing");
        if (string.IsNullOrWhiteSpace(text)) throw RuleException.For(key, "the expression is empty");
        if (text.Length > MaxLength)
            throw RuleException.For(key, $"the expression is {text.Length} characters long; the limit is {MaxLength}");
        var (root, facts) = RuleParser.Parse(text, target, key);
        return new RuleExpression(text, target, key, root, facts.ReadsDoc, facts.OpenidField);
    }

    internal static RuleExpression Constant(bool value, RuleTarget target, string key) =>
        new(value ? "true" : "false", target, key, new LiteralNode(value, 0, value ? 4 : 5), readsDoc: false, openidField: null);

    /// <summary>How denials name this rule: <c>the rule 'read' (doc._openid == auth.openid)</c>.</summary>
    internal string Describe() => Key is null ? $"the rule ({Text})" : $"the rule '{Key}' ({Text})";

    public override string ToString() => Text;
}
