namespace ActorCloud.Documents.Rules;

/// <summary>
/// What the client asks to do. Database rules may name each write separately (falling back to <c>write</c>);
/// storage rules only know <c>read</c> and <c>write</c>, so every write maps to <c>write</c> there.
/// </summary>
public enum RuleOperation
{
    Read,
    Create,
    Update,
    Delete,
}
