namespace ActorCloud.Actors.Files;

/// <summary>
/// Journal tags of file events: every event joins its environment's change feed (with the collections' events)
/// and the environment's file feed, from which files can be listed and audited without a second registry.
/// </summary>
public static class FileTags
{
    public static string Files(string env) => $"files:{env}";

    public static IReadOnlySet<string> For(string env) => new HashSet<string> { Collections.CollectionTags.ChangeFeed(env), Files(env) };
}
