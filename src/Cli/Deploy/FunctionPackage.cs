using System.IO.Compression;

namespace ActorCloud.Cli.Deploy;

/// <summary>
/// The zip of a function's folder, as the server wants it: the folder's contents at the zip's root (not the folder
/// itself), subfolders kept, <c>node_modules</c> included because the server runs the code as uploaded and never runs
/// npm, and <c>.git</c> left out. Entries are sorted and stamped with one fixed time, so the same files give the same
/// bytes and so the same code hash — the server then stores nothing new for a redeploy of unchanged code.
/// </summary>
internal static class FunctionPackage
{
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { ".git" };

    /// <summary>The file a handler names: <c>index.main</c> → <c>index.js</c>, <c>src/app.handler</c> → <c>src/app.js</c>.</summary>
    public static string HandlerFile(string handler)
    {
        var dot = handler.LastIndexOf('.');
        if (dot <= 0 || dot == handler.Length - 1 || handler.StartsWith('/') || handler.Contains(".."))
            throw CliError.Usage($"--handler must look like file.export (e.g. index.main), not '{handler}'");
        return handler[..dot] + ".js";
    }

    /// <summary>The files to pack, as (path on disk, name in the zip); refuses a folder without the handler's file.</summary>
    public static IReadOnlyList<(string Path, string Name)> Collect(string folder, string handler)
    {
        if (!Directory.Exists(folder)) throw CliError.Failure($"{folder} is not a folder");
        var handlerFile = HandlerFile(handler);
        if (!File.Exists(Path.Combine(folder, handlerFile)))
            throw CliError.Failure($"{folder} has no {handlerFile}, which the handler {handler} needs; nothing was deployed");
        var files = new List<(string, string)>();
        Walk(new DirectoryInfo(folder), "", files, new HashSet<string>(StringComparer.Ordinal));
        return files;
    }

    /// <summary>Zips <paramref name="files"/>, calling <paramref name="progress"/> with (files done, files in all).</summary>
    public static byte[] Zip(IReadOnlyList<(string Path, string Name)> files, Action<long, long>? progress)
    {
        var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < files.Count; i++)
            {
                var entry = archive.CreateEntry(files[i].Name, CompressionLevel.Optimal);
                entry.LastWriteTime = FixedTime;
                using (var source = File.OpenRead(files[i].Path))
                using (var target = entry.Open())
                    source.CopyTo(target);
                progress?.Invoke(i + 1, files.Count);
            }
        }
        return buffer.ToArray();
    }

    // Symbolic links are followed (npm links workspace packages into node_modules), each real folder once, so a
    // link that points back up the tree cannot loop.
    private static void Walk(DirectoryInfo directory, string prefix, List<(string, string)> files, HashSet<string> seen)
    {
        var real = directory.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? directory.FullName;
        if (!seen.Add(Path.GetFullPath(real))) return;
        foreach (var entry in directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var name = prefix + entry.Name;
            var isDirectory = entry is DirectoryInfo;
            if (isDirectory && SkippedFolders.Contains(entry.Name)) continue;
            if (isDirectory) Walk((DirectoryInfo)entry, name + "/", files, seen);
            else if (File.Exists(entry.FullName)) files.Add((entry.FullName, name)); // a dangling link has nothing to pack
        }
    }
}
