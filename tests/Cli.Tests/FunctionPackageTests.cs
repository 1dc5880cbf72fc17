using System.IO.Compression;
using ActorCloud.Cli.Deploy;
using ActorCloud.Cli.Tests.Support;

namespace ActorCloud.Cli.Tests;

/// <summary>What goes into a code package, without a server.</summary>
public sealed class FunctionPackageTests
{
    [Fact]
    public void The_folders_contents_are_at_the_root_with_node_modules_and_without_git()
    {
        var folder = FunctionFolder.Empty("pack");
        FunctionFolder.Write(folder, "index.js", "exports.main = async () => 1\n");
        FunctionFolder.Write(folder, "lib/util.js", "module.exports = 1\n");
        FunctionFolder.Write(folder, "node_modules/dep/index.js", "module.exports = 2\n");
        FunctionFolder.Write(folder, ".git/HEAD", "ref: refs/heads/main\n");
        FunctionFolder.Write(folder, ".env", "A=1\n");

        using var zip = new ZipArchive(new MemoryStream(FunctionPackage.Zip(FunctionPackage.Collect(folder, "index.main"), null)));

        Assert.Equal([".env", "index.js", "lib/util.js", "node_modules/dep/index.js"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_same_files_give_the_same_bytes()
    {
        var folder = FunctionFolder.CopyOf("hello", "same");
        var first = FunctionPackage.Zip(FunctionPackage.Collect(folder, "index.main"), null);
        File.SetLastWriteTimeUtc(Path.Combine(folder, "index.js"), DateTime.UtcNow.AddDays(-3));

        Assert.Equal(first, FunctionPackage.Zip(FunctionPackage.Collect(folder, "index.main"), null));
    }

    [Fact]
    public void A_symbolic_link_loop_is_packed_once()
    {
        var folder = FunctionFolder.CopyOf("hello", "loop");
        Directory.CreateSymbolicLink(Path.Combine(folder, "self"), folder);

        var names = FunctionPackage.Collect(folder, "index.main").Select(f => f.Name).ToList();

        Assert.Equal(["index.js"], names);
    }

    [Theory]
    [InlineData("index.main", "index.js")]
    [InlineData("src/app.handler", "src/app.js")]
    [InlineData("a.b.c", "a.b.js")]
    public void The_handler_names_its_file(string handler, string file) => Assert.Equal(file, FunctionPackage.HandlerFile(handler));
}
