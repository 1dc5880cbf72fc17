using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace ActorCloud.Api.Identity;

/// <summary>
/// A refresh token: opaque to clients, but naming the environment, user and session so a refresh goes straight to
/// the user's entity, which keeps only the SHA-256 of <paramref name="Secret"/>. Environment ids cannot contain
/// <c>.</c>, uids and session ids are hex, and the secret is base64url, so <c>.</c> separates unambiguously.
/// </summary>
public sealed record RefreshToken(string Env, string Uid, string SessionId, string Secret)
{
    private const string Prefix = "rt1";

    public static RefreshToken New(string env, string uid) => new(env, uid,
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32)));

    public string SecretHash => Hash(Secret);

    public override string ToString() => $"{Prefix}.{Env}.{Uid}.{SessionId}.{Secret}";

    public static RefreshToken? Parse(string? text)
    {
        var parts = text?.Split('.');
        if (parts is not { Length: 5 } || parts[0] != Prefix || parts.Any(p => p.Length == 0)) return null;
        return UserIds.IsUid(parts[2]) ? new RefreshToken(parts[1], parts[2], parts[3], parts[4]) : null;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
