using System.Security.Cryptography;
using System.Text;

namespace ActorCloud.Api.Hosting;

/// <summary>
/// An HMAC key derived from the root admin key for one purpose (storage links, watch tickets, function credentials,
/// invocation tokens): every node of a cluster, which agrees on the root key through the journal, signs and checks
/// alike; a new root key voids everything signed with the old one; and no purpose can forge another's signatures.
/// </summary>
public class DerivedSigner(AdminKey adminKey, string purpose)
{
    private readonly byte[] _purpose = Encoding.UTF8.GetBytes(purpose);
    private byte[]? _key;

    private byte[] Key => _key ??= HMACSHA256.HashData(Encoding.UTF8.GetBytes(adminKey.Value), _purpose);

    /// <summary>The message's HMAC-SHA256 as lowercase hex (64 characters).</summary>
    public string Sign(string message) => Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(message)));

    /// <summary>Constant-time check of a hex signature, in either case (or a prefix of one, for a short form).</summary>
    public bool Verify(string message, string? signature, int hexLength = 64)
    {
        if (signature is null || signature.Length != hexLength) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(message)[..hexLength]);
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
    }
}
