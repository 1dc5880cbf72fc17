using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static ActorCloud.Actors.Environments.EnvironmentMessages;

namespace ActorCloud.Api.Identity;

/// <summary>
/// A custom-login ticket from <c>@cloudbase/node-sdk</c>'s <c>createTicket</c> (cloudbase-web-protocol.md §8):
/// <c>{private_key_id}/@@/{RS256 JWT}</c> whose <c>iat</c>, <c>exp</c> and <c>expire</c> are milliseconds, so the
/// library checks the signature and the times are checked here.
/// </summary>
public sealed record CustomTicket(string CustomUserId, TimeSpan? Refresh, DateTime? SessionEnd)
{
    private const string Separator = "/@@/";
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    /// <summary>
    /// Parsed public keys, kept alive: the library caches signature providers per key, so a key object (and its RSA)
    /// must outlive one verification. Keys are few per environment and never change under an id.
    /// </summary>
    private static readonly ConcurrentDictionary<string, RsaSecurityKey> PublicKeys = new(StringComparer.Ordinal);

    /// <summary>The ticket, or the reason it is refused.</summary>
    public static async Task<(CustomTicket? Ticket, string? Error)> VerifyAsync(
        string env, string ticket, IReadOnlyList<LoginKey> keys, DateTime now)
    {
        var separator = ticket.IndexOf(Separator, StringComparison.Ordinal);
        if (separator <= 0) return (null, "the ticket is not of the form <private_key_id>/@@/<jwt>");
        var keyId = ticket[..separator];
        var key = keys.FirstOrDefault(k => k.KeyId == keyId);
        if (key is null) return (null, $"the ticket's key '{keyId}' is not a custom-login key of environment '{env}'");
        var result = await Handler.ValidateTokenAsync(ticket[(separator + Separator.Length)..], new TokenValidationParameters
        {
            IssuerSigningKey = PublicKeys.GetOrAdd(key.PublicKeyPem, pem => PublicKey(key.KeyId, pem)),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        });
        if (!result.IsValid) return (null, "the ticket's signature does not verify");
        var jwt = (JsonWebToken)result.SecurityToken;
        if (!jwt.TryGetPayloadValue<string>("env", out var ticketEnv) || ticketEnv != env)
            return (null, $"the ticket was made for environment '{ticketEnv}', not '{env}'");
        if (!jwt.TryGetPayloadValue<string>("uid", out var uid) || !UserIds.CustomUserIdPattern().IsMatch(uid))
            return (null, "the ticket's uid is missing or not 4-32 characters of the allowed set");
        var nowMs = new DateTimeOffset(now).ToUnixTimeMilliseconds();
        if (!jwt.TryGetPayloadValue<long>("exp", out var exp) || exp <= nowMs) return (null, "the ticket has expired");
        return (new CustomTicket(
            uid,
            jwt.TryGetPayloadValue<long>("refresh", out var refresh) && refresh > 0 ? TimeSpan.FromMilliseconds(refresh) : null,
            jwt.TryGetPayloadValue<long>("expire", out var expire) && expire > nowMs ? DateTimeOffset.FromUnixTimeMilliseconds(expire).UtcDateTime : null), null);
    }

    private static RsaSecurityKey PublicKey(string keyId, string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new RsaSecurityKey(rsa) { KeyId = keyId };
    }
}
