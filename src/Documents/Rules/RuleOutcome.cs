namespace ActorCloud.Documents.Rules;

/// <summary>
/// The verdict on one request. <see cref="NeedsDocuments"/> is not a verdict yet: the caller loads those documents
/// into <see cref="RuleContext.Fetched"/> and evaluates again (at most three passes, since get() nests at most twice).
/// </summary>
public abstract record RuleOutcome
{
    private RuleOutcome()
    {
    }

    public sealed record Allowed : RuleOutcome;

    public sealed record Denied(string Reason) : RuleOutcome;

    public sealed record NeedsDocuments(IReadOnlyList<DocumentReference> Documents) : RuleOutcome;
}
