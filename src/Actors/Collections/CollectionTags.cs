using static ActorCloud.Actors.Collections.CollectionEvents;

namespace ActorCloud.Actors.Collections;

/// <summary>
/// Journal tags of collection events: every event joins its environment's change feed; creations and drops
/// also join the environment's collection list, which is how collections are listed without a second registry
/// that could disagree with the collections' own journals.
/// </summary>
public static class CollectionTags
{
    public static string ChangeFeed(string env) => $"env:{env}";

    public static string Lifecycle(string env) => $"collections:{env}";

    public static IReadOnlySet<string> For(string env, ICollectionEvent e) => e is CollectionCreated or CollectionDropped
        ? new HashSet<string> { ChangeFeed(env), Lifecycle(env) }
        : new HashSet<string> { ChangeFeed(env) };
}
