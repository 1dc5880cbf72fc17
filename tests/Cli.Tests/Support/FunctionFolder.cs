using ActorCloud.Api.Tests.Support;

namespace ActorCloud.Cli.Tests.Support;

/// <summary>A function's folder in a fresh temporary directory, so tests can change code without touching the fixtures.</summary>
public static class FunctionFolder
{
    /// <summary>A copy of <c>Fixtures/&lt;fixture&gt;</c> named <paramref name="name"/> (deploy names the function after it).</summary>
    public static string CopyOf(string fixture, string name)
    {
        var target = Path.Combine(Directory.CreateTempSubdirectory("actorcloud-cli-fn-").FullName, name);
        var source = RepoPaths.Of("tests", "Cli.Tests", "Fixtures", fixture);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }

    public static string Empty(string name) =>
        Directory.CreateDirectory(Path.Combine(Directory.CreateTempSubdirectory("actorcloud-cli-fn-").FullName, name)).FullName;

    public static void Write(string folder, string relativePath, string content)
    {
        var path = Path.Combine(folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
