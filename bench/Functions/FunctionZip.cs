using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace ActorCloud.Bench.Functions;

/// <summary>Code packages as <c>tests/node/functions-support.mjs</c> builds them: <c>index.js</c> at the zip's root.</summary>
public static class FunctionZip
{
    /// <summary>The trivial function every Node.js phase calls.</summary>
    public const string Trivial = "exports.main = async (e) => ({ sum: e.a + e.b })\n";

    private static readonly DateTimeOffset Epoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A zip holding <paramref name="source"/> as <c>index.js</c>; the same source always gives the same bytes.</summary>
    public static byte[] Of(string source)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("index.js", CompressionLevel.NoCompression);
            entry.LastWriteTime = Epoch;
            using var stream = entry.Open();
            stream.Write(Encoding.UTF8.GetBytes(source));
        }
        return buffer.ToArray();
    }

    /// <summary>The name the host unpacks the package under (<c>&lt;data&gt;/functions/{sha256}</c>).</summary>
    public static string Sha256(byte[] zip) => Convert.ToHexStringLower(SHA256.HashData(zip));
}
