using System.Threading.RateLimiting;
using ActorCloud.Api.Hosting;
using Microsoft.Extensions.Options;

namespace ActorCloud.Api.Identity;

/// <summary>
/// Anonymous sign-in needs no secret, and each one creates a user entity and journals it, so it is the one door a
/// stranger could use to grow the journal without bound. It is limited per client address (a token bucket of
/// <c>Tokens:AnonymousSignInsPerMinute</c>), one budget shared by every door that signs in anonymously
/// (<c>/auth/v1/signin/anonymously</c> and the 1.x action <c>auth.signInAnonymously</c>).
/// </summary>
public sealed class SignInLimits(IOptions<ActorCloudOptions> options) : IDisposable
{
    public const string RefusalCode = "EXCEED_REQUEST_LIMIT";
    public const string RefusalMessage = "too many anonymous sign-ins from this address; retry in a minute";

    private readonly PartitionedRateLimiter<string> _anonymous = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.Tokens.AnonymousSignInsPerMinute,
            TokensPerPeriod = options.Value.Tokens.AnonymousSignInsPerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Takes one anonymous sign-in from the address's budget; false when it is spent.</summary>
    public bool TryAnonymous(HttpContext http)
    {
        using var lease = _anonymous.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => _anonymous.Dispose();
}
