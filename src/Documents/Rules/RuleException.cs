namespace ActorCloud.Documents.Rules;

/// <summary>
/// A rule set or expression refused when saved or parsed. <see cref="DocumentException"/> is sealed, so this carries
/// the same <see cref="Code"/> (<c>INVALID_PARAM</c>) for the gateway to answer with instead of deriving from it.
/// </summary>
public sealed class RuleException(string message) : Exception(message)
{
    public string Code => ErrorCodes.InvalidParam;

    /// <summary>Prefixes the rule key when there is one, so the console can point at the faulty entry.</summary>
    internal static RuleException For(string? key, string problem) => new(key is null ? problem : $"rule '{key}': {problem}");
}
