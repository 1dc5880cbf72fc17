using System.Collections.Concurrent;
using System.Security.Cryptography;
using ActorCloud.Actors.Environments;
using ActorCloud.Actors.Serialization;
using ActorCloud.Api.Gateway;
using ActorCloud.Api.Hosting;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Options;
using static ActorCloud.Actors.Environments.EnvironmentMessages;

namespace ActorCloud.Api.Identity;

/// <summary>
/// Each environment's security settings (token keys, custom-login keys, storage permission) from its entity,
/// cached per node for <see cref="Fresh"/> so verifying a token costs no round trip. A change made through this
/// node is seen at once; one made through another node within <see cref="Fresh"/> (and a token signed with a key
/// this node has not seen yet is looked up at once).
/// </summary>
public sealed class EnvironmentSecurity(
    IRequiredActor<EnvironmentRegion> region, MessageRoundTrip roundTrip, IOptions<ActorCloudOptions> options)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (SecuritySettings Settings, DateTime FetchedAt)> _cache = new(StringComparer.Ordinal);

    public async Task<SecuritySettings> GetAsync(string env, CancellationToken cancellation, bool fresh = false)
    {
        if (!fresh && _cache.TryGetValue(env, out var cached) && DateTime.UtcNow - cached.FetchedAt < Fresh) return cached.Settings;
        return await AskAsync(new GetSecuritySettings(env), cancellation);
    }

    /// <summary>Sends a command to the environment's entity; its refusal becomes a gateway error.</summary>
    public async Task<SecuritySettings> AskAsync(IEnvironmentMessage message, CancellationToken cancellation)
    {
        var reply = roundTrip.Apply(await region.ActorRef.Ask<object>(roundTrip.Apply(message), Timeout, cancellation));
        return reply switch
        {
            SecuritySettings settings => Remember(message.EntityId, settings),
            EnvironmentFailed failed => throw new GatewayError(failed.Code, failed.Message),
            _ => throw new InvalidOperationException($"{message.GetType().Name} was answered with {reply.GetType().Name}"),
        };
    }

    /// <summary>The key new tokens are signed with: the newest live one, issued on first use.</summary>
    public async Task<TokenKey> SigningKeyAsync(string env, CancellationToken cancellation)
    {
        var settings = await GetAsync(env, cancellation);
        return Newest(settings) ?? Newest(await AskAsync(new EnsureTokenKey(env, NewTokenKey()), cancellation))!;
    }

    /// <summary>
    /// The keys a token may be signed with: the newest live key, and older live keys for one access-token lifetime
    /// after a newer one replaced them (no token they signed can still be valid after that).
    /// </summary>
    public async Task<IReadOnlyList<TokenKey>> VerificationKeysAsync(string env, string? keyId, CancellationToken cancellation)
    {
        var settings = await GetAsync(env, cancellation);
        if (keyId is not null && settings.TokenKeys.All(k => k.KeyId != keyId)) settings = await GetAsync(env, cancellation, fresh: true);
        var live = settings.TokenKeys.Where(k => k.RetiredAt is null).OrderByDescending(k => k.IssuedAt).ToList();
        var lifetime = options.Value.Tokens.AccessLifetime;
        return live.Where((k, i) => i == 0 || DateTime.UtcNow - live[i - 1].IssuedAt < lifetime).ToList();
    }

    public static TokenKey NewTokenKey() =>
        new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), RandomNumberGenerator.GetBytes(32), DateTime.UtcNow);

    private static TokenKey? Newest(SecuritySettings settings) =>
        settings.TokenKeys.Where(k => k.RetiredAt is null).MaxBy(k => k.IssuedAt);

    private SecuritySettings Remember(string env, SecuritySettings settings)
    {
        _cache[env] = (settings, DateTime.UtcNow);
        return settings;
    }
}
