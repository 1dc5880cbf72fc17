namespace ActorCloud.Actors.Sharding;

/// <summary>
/// Passivation and hand-off message for persistent entities. Unlike PoisonPill it goes through the
/// entity's own handling, so commands already accepted are finished and answered before it stops.
/// </summary>
public sealed record StopEntity
{
    public static readonly StopEntity Instance = new();
}
