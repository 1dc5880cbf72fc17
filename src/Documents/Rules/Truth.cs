namespace ActorCloud.Documents.Rules;

/// <summary>
/// A condition's value over every document a query could match. <see cref="Unknown"/>: not provable either way.
/// <see cref="Pending"/>: waits for a get() document; it dominates <see cref="Unknown"/> because, once loaded, the
/// document may make the result proven (and a <c>!</c> around it must not turn an unknown into a proof).
/// </summary>
internal enum Truth
{
    False,
    True,
    Unknown,
    Pending,
}
