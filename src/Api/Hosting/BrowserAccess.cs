namespace ActorCloud.Api.Hosting;

/// <summary>
/// CORS for browsers running the CloudBase web SDK (cloudbase-web-protocol.md §0): the origins listed in
/// <c>Cors:Origins</c> (<c>*</c> for any, in development) may call the host, with preflights answered for the headers the
/// SDK sends and its <c>x-tcb-trace</c> echo readable. With no origin configured, no CORS header is ever sent, so a
/// browser refuses every cross-origin call.
/// </summary>
public static class BrowserAccess
{
    /// <summary>What the web SDK (and its uploads) send, in any version verified.</summary>
    public static readonly string[] RequestHeaders =
    [
        "content-type", "x-sdk-version", "x-seqid", "x-tcb-region", "x-tcb-trace", "x-request-id", "x-device-id",
        "authorization", "x-cos-meta-fileid", "x-cos-security-token",
    ];

    public static IServiceCollection AddBrowserAccess(this IServiceCollection services, ActorCloudOptions options) =>
        services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            var origins = options.Cors.Origins;
            if (origins.Contains("*")) policy.AllowAnyOrigin();
            else policy.WithOrigins(origins);
            policy.WithHeaders(RequestHeaders)
                .WithMethods("GET", "POST", "PUT", "HEAD")
                .WithExposedHeaders("x-tcb-trace", "etag", "content-length", "content-range")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        }));
}
