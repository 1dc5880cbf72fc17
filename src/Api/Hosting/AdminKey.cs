using System.Security.Cryptography;
using System.Text;

namespace ActorCloud.Api.Hosting;

/// <summary>The root admin credential, known once start-up has read or issued it.</summary>
public sealed class AdminKey
{
    private byte[]? _key;

    public string Value => _key is null ? throw new InvalidOperationException("The admin key is not known yet") : Encoding.UTF8.GetString(_key);

    /// <summary>A short, non-secret name for the key, recorded as the caller of admin changes.</summary>
    public string KeyId { get; private set; } = "root";

    public void Set(string key)
    {
        _key = Encoding.UTF8.GetBytes(key);
        KeyId = "root:" + Convert.ToHexStringLower(SHA256.HashData(_key))[..8];
    }

    /// <summary>Constant-time comparison, so response timing does not leak the key.</summary>
    public bool Matches(ReadOnlySpan<char> candidate)
    {
        if (_key is null) return false;
        var bytes = Encoding.UTF8.GetBytes(candidate.ToArray());
        return CryptographicOperations.FixedTimeEquals(bytes, _key);
    }

    public static string Generate() => "ac_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
