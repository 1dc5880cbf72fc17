using System.Security.Cryptography;
using System.Text;
using ActorCloud.Api.Hosting;

namespace ActorCloud.Api.Functions;

/// <summary>
/// The key pair a function version's code calls back with, scoped to its environment: the SecretId names the
/// environment, function and version (<c>acfn.{env}.{name}.{version}</c>), the SecretKey is an HMAC of it under a key
/// derived from the root admin key. Nothing is stored, every node of a cluster derives the same pair, and the
/// gateway tells from the id alone which environment the credential may act in.
/// </summary>
public sealed class FunctionCredentials(AdminKey adminKey)
{
    private const string Prefix = "acfn.";
    private readonly DerivedSigner _signer = new(adminKey, "actorcloud/function-credentials/v1");

    public (string SecretId, string SecretKey) For(string env, string name, int version)
    {
        var id = $"{Prefix}{env}.{name}.{version}";
        return (id, SecretKeyOf(id));
    }

    public string SecretKeyOf(string secretId) => _signer.Sign(secretId)[..40];

    /// <summary>The environment and function a SecretId names; null when it is not one of ours.</summary>
    public static (string Env, string Name)? Parse(string secretId)
    {
        if (!secretId.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var parts = secretId[Prefix.Length..].Split('.');
        return parts.Length == 3 && parts[0].Length > 0 && parts[1].Length > 0 && int.TryParse(parts[2], out _) ? (parts[0], parts[1]) : null;
    }

    /// <summary>Constant-time check of an access key of the form <c>{SecretId}:{SecretKey}</c>.</summary>
    public (string Env, string Name)? VerifyAccessKey(string accessKey)
    {
        var colon = accessKey.IndexOf(':');
        if (colon <= 0) return null;
        var id = accessKey[..colon];
        if (Parse(id) is not { } scope) return null;
        var expected = Encoding.ASCII.GetBytes(SecretKeyOf(id));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(accessKey[(colon + 1)..])) ? scope : null;
    }
}
