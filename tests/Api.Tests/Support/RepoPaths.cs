namespace ActorCloud.Api.Tests.Support;

/// <summary>Locates files of the repository from the test binaries' folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorCloud.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ActorCloud.sln not found above " + AppContext.BaseDirectory);
    }
}
