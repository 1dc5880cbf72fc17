using System.Threading.RateLimiting;
using ActorCloud.Api.Hosting;
using Microsoft.AspNetCore.RateLimiting;

namespace ActorCloud.Api.Identity;

/// <summary>
/// Anonymous sign-in needs no secret, and each one creates a user entity and journals it, so it is the one door a
/// stranger could use to grow the journal without bound. It is limited per client address (a token bucket of
/// <c>Tokens:AnonymousSignInsPerMinute</c>); a refused sign-in gets 429 with the OAuth error shape.
/// </summary>
public static class SignInLimits
{
    public const string AnonymousPolicy = "anonymous-sign-in";

    public static IServiceCollection AddSignInLimits(this IServiceCollection services, ActorCloudOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, cancellation) => new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(new Dictionary<string, string>
            {
                ["error"] = "too_many_requests",
                ["error_code"] = "EXCEED_REQUEST_LIMIT",
                ["error_description"] = "too many anonymous sign-ins from this address; retry in a minute",
            }, cancellation));
            limiter.AddPolicy(AnonymousPolicy, http => RateLimitPartition.GetTokenBucketLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.Tokens.AnonymousSignInsPerMinute,
                    TokensPerPeriod = options.Tokens.AnonymousSignInsPerMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
}
