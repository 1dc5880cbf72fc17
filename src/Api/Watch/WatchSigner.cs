using System.Security.Cryptography;
using System.Text;
using ActorCloud.Api.Hosting;

namespace ActorCloud.Api.Watch;

/// <summary>
/// The HMAC key behind realtime tickets, derived from the root admin key (as storage links are, with a purpose of
/// its own), so that every node checks a ticket another issued and a new root key voids every ticket out there.
/// </summary>
public sealed class WatchSigner(AdminKey adminKey)
{
    private static readonly byte[] Purpose = "actorcloud/watch-tickets/v1"u8.ToArray();
    private byte[]? _key;

    private byte[] Key => _key ??= HMACSHA256.HashData(Encoding.UTF8.GetBytes(adminKey.Value), Purpose);

    public string Sign(string message) => Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(message)));

    public bool Verify(string message, string signature)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(message));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
    }
}
