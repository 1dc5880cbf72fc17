namespace ActorCloud.Actors.Functions;

/// <summary>Journal tags of function events: the environment's change feed and its function list.</summary>
public static class FunctionTags
{
    public static string Functions(string env) => $"functions:{env}";

    public static IReadOnlySet<string> For(string env) => new HashSet<string> { Collections.CollectionTags.ChangeFeed(env), Functions(env) };
}
