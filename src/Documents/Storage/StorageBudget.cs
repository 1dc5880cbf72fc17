namespace ActorCloud.Documents.Storage;

/// <summary>
/// How much of a collection's documents stays in memory: up to <paramref name="ResidentBytes"/> of BSON, the rest in
/// a spill file under <paramref name="SpillDirectory"/> (the system's temporary folder when null). The file is a cache
/// of the journal's state, private to one running entity: it is deleted when the entity stops and never read back.
/// </summary>
public sealed record StorageBudget(long ResidentBytes, string? SpillDirectory = null)
{
    /// <summary>Everything in memory: for scratch states, replays and tests.</summary>
    public static readonly StorageBudget Unlimited = new(long.MaxValue);
}
