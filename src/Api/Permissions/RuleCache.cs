using System.Collections.Concurrent;
using ActorCloud.Actors.Permissions;
using ActorCloud.Documents.Rules;

namespace ActorCloud.Api.Permissions;

/// <summary>
/// Parsed rule sets by their saved JSON, so a rule is parsed once per node rather than once per request. Rules were
/// validated when saved; the cache is bounded because rule texts are admin input, not client input.
/// </summary>
public sealed class RuleCache
{
    private const int MaxEntries = 4096;
    private readonly ConcurrentDictionary<(RuleTarget, string), SecurityRules> _parsed = new();

    public SecurityRules Get(Permission permission, RuleTarget target)
    {
        var json = permission.Rule ?? "{}";
        if (_parsed.TryGetValue((target, json), out var rules)) return rules;
        if (_parsed.Count >= MaxEntries) _parsed.Clear();
        return _parsed[(target, json)] = SecurityRules.Parse(json, target);
    }
}
