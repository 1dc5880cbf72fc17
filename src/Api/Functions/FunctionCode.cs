using System.IO.Compression;
using System.Security.Cryptography;
using ActorCloud.Documents;
using ActorCloud.Persistence.Blobs;

namespace ActorCloud.Api.Functions;

/// <summary>
/// Code packages: zips kept as blobs in a container of their own (named by content hash, so a redeploy of the same
/// code stores nothing new, and the file sweeper never sees them), unpacked on first use into
/// <c>&lt;data&gt;/functions/{sha256}</c>, which every version with that code shares. Unpacking refuses entries that
/// would land outside the folder and packages that expand past a limit.
/// </summary>
public sealed class FunctionCode(BlobStore blobs, string dataDirectory, FunctionSandbox sandbox)
{
    public const long MaxPackageBytes = 50L * 1024 * 1024;
    public const long MaxUnpackedBytes = 500L * 1024 * 1024;
    private const UnixFileMode ReadableByAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private readonly SemaphoreSlim _unpacking = new(1, 1);

    public sealed record Stored(string BlobName, string Sha256, long Size);

    public Task EnsureContainerAsync(CancellationToken cancellation) => blobs.EnsureContainerAsync(cancellation);

    /// <summary>Checks that <paramref name="zip"/> is a readable zip with the handler's file, then stores it.</summary>
    public async Task<Stored> StoreAsync(string env, byte[] zip, string handler, CancellationToken cancellation)
    {
        if (zip.Length > MaxPackageBytes) throw Invalid($"the code package is larger than {MaxPackageBytes} bytes");
        var file = HandlerFile(handler);
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
            if (archive.GetEntry(file) is null)
                throw Invalid($"the code package has no {file} at its root (zip the folder's contents, not the folder)");
        }
        catch (InvalidDataException e)
        {
            throw Invalid($"the code package is not a zip file: {e.Message}");
        }
        var sha = Convert.ToHexStringLower(SHA256.HashData(zip));
        var name = $"{env}/{sha}.zip";
        await blobs.UploadAsync(name, new MemoryStream(zip), MaxPackageBytes, "application/zip", cancellation);
        return new Stored(name, sha, zip.Length);
    }

    /// <summary>The unpacked folder of a package, unpacking it once.</summary>
    public async Task<string> DirectoryOfAsync(string blobName, string sha256, CancellationToken cancellation)
    {
        var directory = Path.GetFullPath(Path.Combine(dataDirectory, "functions", sha256));
        if (Directory.Exists(directory)) return directory;
        await _unpacking.WaitAsync(cancellation);
        try
        {
            if (Directory.Exists(directory)) return directory;
            var staging = directory + ".unpacking";
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            await using (var content = await blobs.OpenReadAsync(blobName, 0, null, cancellation)
                         ?? throw new InvalidOperationException($"the code package {blobName} is missing from blob storage"))
            {
                var buffer = new MemoryStream();
                await content.CopyToAsync(buffer, cancellation);
                Unpack(buffer, staging);
            }
            Directory.Move(staging, directory);
            foreach (var ancestor in new[] { Path.GetFullPath(dataDirectory), Path.GetDirectoryName(directory)! })
                sandbox.MakeTraversable(ancestor);
            return directory;
        }
        finally
        {
            _unpacking.Release();
        }
    }

    public static string HandlerFile(string handler) => handler[..handler.LastIndexOf('.')] + ".js";

    private static void Unpack(Stream zip, string target)
    {
        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        var root = Path.GetFullPath(target) + Path.DirectorySeparatorChar;
        long total = 0;
        foreach (var entry in archive.Entries)
        {
            var path = Path.GetFullPath(Path.Combine(root, entry.FullName));
            if (!path.StartsWith(root, StringComparison.Ordinal))
                throw new InvalidDataException($"the code package's entry '{entry.FullName}' points outside its folder");
            total += entry.Length;
            if (total > MaxUnpackedBytes) throw new InvalidDataException($"the code package unpacks to more than {MaxUnpackedBytes} bytes");
            if (entry.FullName.EndsWith('/'))
            {
                Directory.CreateDirectory(path);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            entry.ExtractToFile(path, overwrite: true);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, ReadableByAll);
        }
    }

    private static DocumentException Invalid(string message) => new(ErrorCodes.InvalidParam, message);
}
