using System.Security.Cryptography;

namespace ActorCloud.Documents.Bson;

/// <summary>
/// CloudBase's generated ids: 32 lowercase hex characters. A seconds-since-epoch prefix keeps ids roughly in
/// creation order (as CloudBase's do); the remaining 12 random bytes make collisions negligible.
/// </summary>
public static class DocumentIds
{
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        var seconds = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        bytes[0] = (byte)(seconds >> 24);
        bytes[1] = (byte)(seconds >> 16);
        bytes[2] = (byte)(seconds >> 8);
        bytes[3] = (byte)seconds;
        RandomNumberGenerator.Fill(bytes[4..]);
        return Convert.ToHexStringLower(bytes);
    }
}
