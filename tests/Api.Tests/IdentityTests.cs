using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ActorCloud.Api.Tests.Support;

namespace ActorCloud.Api.Tests;

/// <summary>
/// User tokens over time and restarts, which the node suite cannot arrange: access tokens expire
/// (<c>ACCESS_TOKEN_EXPIRED</c>, changing nothing) and a refresh brings the user back; sessions, signing keys and
/// collection permissions survive a restart of the host on the same journal.
/// </summary>
public sealed class IdentityTests
{
    [Fact]
    public async Task An_expired_access_token_is_refused_and_a_refresh_gives_a_working_one()
    {
        await using var host = await TestHost.StartAsync(null, "--ActorCloud:Tokens:AccessLifetime", "00:00:02");
        try
        {
            await host.CallAsync(new { action = "database.addCollection", collectionName = "notes" });
            await SetAclAsync(host, "READONLY");
            var credentials = await SignInAsync(host, "signin/anonymously", new { });
            Assert.Equal(2, credentials.GetProperty("expires_in").GetInt32());
            var token = credentials.GetProperty("access_token").GetString()!;
            Assert.False((await AsUserAsync(host, token, Insert("before"))).TryGetProperty("code", out _));

            await Task.Delay(TimeSpan.FromSeconds(2.5));
            var refused = await AsUserAsync(host, token, Insert("after expiry"));
            Assert.Equal("ACCESS_TOKEN_EXPIRED", refused.GetProperty("code").GetString());
            Assert.Equal(1, await CountAsync(host));

            var refreshed = await SignInAsync(host, "token",
                new { grant_type = "refresh_token", refresh_token = credentials.GetProperty("refresh_token").GetString() });
            Assert.Equal(credentials.GetProperty("sub").GetString(), refreshed.GetProperty("sub").GetString());
            Assert.False((await AsUserAsync(host, refreshed.GetProperty("access_token").GetString()!, Insert("refreshed"))).TryGetProperty("code", out _));
            Assert.Equal(2, await CountAsync(host));

            var revoked = await PostAuthAsync(host, "revoke", new { token });
            Assert.Equal(JsonValueKind.Object, revoked.ValueKind);
            Assert.False(revoked.TryGetProperty("error", out _), "signing out with an expired token still ends its session");
            var afterRevoke = await PostAuthAsync(host, "token",
                new { grant_type = "refresh_token", refresh_token = credentials.GetProperty("refresh_token").GetString() });
            Assert.Equal("invalid_grant", afterRevoke.GetProperty("error").GetString());
        }
        finally
        {
            host.DeleteData();
        }
    }

    [Fact]
    public async Task Sessions_signing_keys_and_permissions_survive_a_restart()
    {
        var data = Directory.CreateTempSubdirectory("actorcloud-identity-").FullName;
        JsonElement credentials;
        await using (var host = await TestHost.StartAsync(data))
        {
            await host.CallAsync(new { action = "database.addCollection", collectionName = "notes" });
            await SetAclAsync(host, "ADMINWRITE");
            credentials = await SignInAsync(host, "signin/anonymously", new { });
        }
        await using (var host = await TestHost.StartAsync(data))
        {
            try
            {
                var token = credentials.GetProperty("access_token").GetString()!;
                var read = await AsUserAsync(host, token, new { action = "database.calculateDocument", collectionName = "notes", query = "{}" });
                Assert.Equal(0, read.GetProperty("data").GetProperty("total").GetInt32());
                var write = await AsUserAsync(host, token, Insert("denied"));
                Assert.Equal("DATABASE_PERMISSION_DENIED", write.GetProperty("code").GetString());
                var refreshed = await SignInAsync(host, "token",
                    new { grant_type = "refresh_token", refresh_token = credentials.GetProperty("refresh_token").GetString() });
                Assert.Equal(credentials.GetProperty("sub").GetString(), refreshed.GetProperty("sub").GetString());
            }
            finally
            {
                host.DeleteData();
            }
        }
    }

    /// <summary>The management API's PascalCase members (an anonymous object would be camel-cased).</summary>
    private static async Task SetAclAsync(TestHost host, string tag)
    {
        var reply = await host.CallAsync(new Dictionary<string, string>
        {
            ["action"] = "actorcloud.modifyDatabaseACL", ["CollectionName"] = "notes", ["AclTag"] = tag,
        });
        Assert.False(reply.TryGetProperty("code", out _), reply.ToString());
    }

    [Fact]
    public async Task Anonymous_sign_ins_are_limited_per_address()
    {
        await using var host = await TestHost.StartAsync(null, "--ActorCloud:Tokens:AnonymousSignInsPerMinute", "3");
        try
        {
            for (var i = 0; i < 3; i++) await SignInAsync(host, "signin/anonymously", new { });
            using var refused = await host.Client.PostAsync($"/auth/v1/signin/anonymously?client_id={TestHost.Env}", new StringContent("{}"));
            Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, refused.StatusCode);
            var error = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("too_many_requests", error.GetProperty("error").GetString());
            var refresh = await PostAuthAsync(host, "token", new { grant_type = "refresh_token", refresh_token = "rt1.x" });
            Assert.Equal("invalid_grant", refresh.GetProperty("error").GetString());
        }
        finally
        {
            host.DeleteData();
        }
    }

    private static object Insert(string text) => new
    {
        action = "database.insertDocument", collectionName = "notes", data = new[] { $$"""{"text":"{{text}}"}""" },
    };

    private static async Task<int> CountAsync(TestHost host) =>
        (await host.CallAsync(new { action = "database.calculateDocument", collectionName = "notes", query = "{}" }))
        .GetProperty("data").GetProperty("total").GetInt32();

    private static async Task<JsonElement> AsUserAsync(TestHost host, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin?env={TestHost.Env}") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await host.Client.SendAsync(request);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> SignInAsync(TestHost host, string path, object body)
    {
        var credentials = await PostAuthAsync(host, path, body);
        Assert.False(credentials.TryGetProperty("error", out var error), $"{path} refused: {error}");
        return credentials;
    }

    private static async Task<JsonElement> PostAuthAsync(TestHost host, string path, object body)
    {
        using var response = await host.Client.PostAsync($"/auth/v1/{path}?client_id={TestHost.Env}",
            new StringContent(JsonSerializer.Serialize(body)));
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
