using System.Text;
using System.Text.Json;

namespace ActorCloud.Documents.Rules;

/// <summary>
/// A collection's or storage's <c>CUSTOM</c> permission: a JSON object from operation to rule, e.g.
/// <c>{"read": true, "write": "doc._openid == auth.openid"}</c>. Database rules may set <c>create</c>,
/// <c>update</c> and <c>delete</c>, each falling back to <c>write</c>; an operation without a rule is denied.
/// </summary>
public sealed class SecurityRules
{
    private static readonly string[] DatabaseKeys = ["read", "write", "create", "update", "delete"];
    private static readonly string[] StorageKeys = ["read", "write"];

    private readonly Dictionary<string, RuleExpression> _rules;

    private SecurityRules(RuleTarget target, string json, Dictionary<string, RuleExpression> rules)
    {
        Target = target;
        Json = json;
        _rules = rules;
    }

    public RuleTarget Target { get; }

    /// <summary>The rule set as saved: compact JSON, keys in the order given.</summary>
    public string Json { get; }

    public static SecurityRules Parse(string json, RuleTarget target)
    {
        using var document = Read(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new RuleException($"security rules must be a JSON object, not {Describe(document.RootElement.ValueKind)}");
        var keys = target == RuleTarget.Database ? DatabaseKeys : StorageKeys;
        var rules = new Dictionary<string, RuleExpression>(StringComparer.Ordinal);
        var compact = new StringBuilder("{");
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var key = property.Name;
            if (!keys.Contains(key))
                throw RuleException.For(key, $"unknown key; {Describe(target)} rules allow {string.Join(", ", keys)}");
            if (rules.ContainsKey(key)) throw RuleException.For(key, "the key appears twice");
            rules[key] = property.Value.ValueKind switch
            {
                JsonValueKind.True => RuleExpression.Constant(true, target, key),
                JsonValueKind.False => RuleExpression.Constant(false, target, key),
                JsonValueKind.String => RuleExpression.Parse(property.Value.GetString(), target, key),
                var kind => throw RuleException.For(key, $"must be true, false or an expression string, not {Describe(kind)}"),
            };
            if (compact.Length > 1) compact.Append(',');
            compact.Append('"').Append(key).Append("\":").Append(property.Value.GetRawText());
        }
        return new SecurityRules(target, compact.Append('}').ToString(), rules);
    }

    /// <summary>The rule deciding <paramref name="operation"/> after the <c>write</c> fallback; null means deny.</summary>
    public RuleExpression? For(RuleOperation operation)
    {
        var key = operation == RuleOperation.Read ? "read" : "write";
        if (Target == RuleTarget.Database && operation != RuleOperation.Read)
        {
            var specific = operation switch
            {
                RuleOperation.Create => "create",
                RuleOperation.Update => "update",
                _ => "delete",
            };
            if (_rules.TryGetValue(specific, out var rule)) return rule;
        }
        return _rules.GetValueOrDefault(key);
    }

    private static JsonDocument Read(string? json)
    {
        if (json is null) throw new RuleException("security rules are missing");
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new RuleException($"security rules are not valid JSON: {e.Message}");
        }
    }

    private static string Describe(RuleTarget target) => target == RuleTarget.Database ? "database" : "storage";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        _ => "a boolean",
    };
}
