using System.Net;
using ActorCloud.Api.Tests.Support;

namespace ActorCloud.Api.Tests;

/// <summary>
/// Browsers: preflights from a configured origin are answered for the headers the web SDK sends; other origins, and
/// every origin when none is configured, get no CORS header (the browser then refuses the call).
/// </summary>
public sealed class CorsTests
{
    private const string Allowed = "https://app.example.com";

    [Fact]
    public async Task A_configured_origin_gets_its_preflights_answered_and_others_do_not()
    {
        await using var host = await TestHost.StartAsync(null, "--ActorCloud:Cors:Origins:0", Allowed);
        try
        {
            using var preflight = await PreflightAsync(host, "/auth/v1/signin/anonymously", Allowed, "content-type,x-sdk-version,x-request-id,x-device-id");
            Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
            Assert.Equal(Allowed, preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
            var allowedHeaders = string.Join(',', preflight.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
            Assert.Contains("x-device-id", allowedHeaders);

            using var upload = await PreflightAsync(host, "/storage/test-env/a.png", Allowed, "authorization,x-cos-meta-fileid,x-cos-security-token", "PUT");
            Assert.Equal(Allowed, upload.Headers.GetValues("Access-Control-Allow-Origin").Single());

            using var stranger = await PreflightAsync(host, "/auth/v1/signin/anonymously", "https://evil.example", "content-type");
            Assert.False(stranger.Headers.Contains("Access-Control-Allow-Origin"));

            using var request = new HttpRequestMessage(HttpMethod.Post, $"/auth/v1/signin/anonymously?client_id={TestHost.Env}") { Content = new StringContent("{}") };
            request.Headers.Add("Origin", Allowed);
            using var signIn = await host.Client.SendAsync(request);
            Assert.Equal(Allowed, signIn.Headers.GetValues("Access-Control-Allow-Origin").Single());
        }
        finally
        {
            host.DeleteData();
        }
    }

    [Fact]
    public async Task Without_configured_origins_no_cors_header_is_sent()
    {
        await using var host = await TestHost.StartAsync();
        try
        {
            using var preflight = await PreflightAsync(host, "/auth/v1/signin/anonymously", Allowed, "content-type");
            Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        }
        finally
        {
            host.DeleteData();
        }
    }

    private static Task<HttpResponseMessage> PreflightAsync(TestHost host, string path, string origin, string headers, string method = "POST")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return host.Client.SendAsync(request);
    }
}
