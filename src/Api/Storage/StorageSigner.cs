using System.Security.Cryptography;
using System.Text;
using ActorCloud.Api.Hosting;

namespace ActorCloud.Api.Storage;

/// <summary>
/// The HMAC key behind upload tokens and download URLs, derived from the root admin key so that every node of
/// a cluster (which agrees on that key through the journal) signs and checks alike, and so that changing the
/// root key invalidates every link handed out with the old one.
/// </summary>
public sealed class StorageSigner(AdminKey adminKey)
{
    private static readonly byte[] Purpose = "actorcloud/storage-links/v1"u8.ToArray();
    private byte[]? _key;

    private byte[] Key => _key ??= HMACSHA256.HashData(Encoding.UTF8.GetBytes(adminKey.Value), Purpose);

    public string Sign(string message) => Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(message)));

    /// <summary>Constant-time check of a hex signature (or a prefix of one, for the short URL form).</summary>
    public bool Verify(string message, string? signature, int hexLength = 64)
    {
        if (signature is null || signature.Length != hexLength) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(message)[..hexLength]);
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
    }
}
