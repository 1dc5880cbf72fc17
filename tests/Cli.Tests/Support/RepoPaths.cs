namespace ActorCloud.Cli.Tests.Support;

/// <summary>
/// Locates files of the repository: above the test binaries, else above the working directory, else
/// <c>ACTORCLOUD_REPO</c> (builds with an artifacts path outside the repository find neither).
/// </summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot() =>
        Above(AppContext.BaseDirectory) ?? Above(Directory.GetCurrentDirectory())
        ?? Environment.GetEnvironmentVariable("ACTORCLOUD_REPO")
        ?? throw new InvalidOperationException("ActorCloud.sln not found; set ACTORCLOUD_REPO to the repository root");

    private static string? Above(string start)
    {
        var dir = new DirectoryInfo(start);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorCloud.sln"))) dir = dir.Parent;
        return dir?.FullName;
    }
}
