using System.Net;
using System.Text;
using System.Text.Json;
using ActorCloud.Api.Tests.Support;
using CsCheck;
using Xunit.Abstractions;

namespace ActorCloud.Api.Tests;

/// <summary>
/// Thousands of random, mostly hostile bodies at the real gateway: never a 5xx or a broken envelope, the host
/// and its actors stay up, and a request that is refused leaves the collection exactly as it was.
/// </summary>
public sealed class GatewayFuzzTests(HostFixture fixture, ITestOutputHelper output) : IClassFixture<HostFixture>
{
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task Random_bodies_never_break_the_gateway_and_refusals_change_nothing()
    {
        await _host.CallAsync(new { action = "database.addCollection", collectionName = FuzzBodies.Collection });
        await _host.CallAsync(new
        {
            action = "database.insertDocument", collectionName = FuzzBodies.Collection,
            data = new[] { """{"_id":"f1","a":{"$numberInt":"1"},"tags":["x","y"],"b":{"c":"d"}}""", """{"_id":"f2","a":"text","loc":{"type":"Point","coordinates":[113.3,23.1]}}""" },
        });
        var state = await SnapshotAsync();
        int accepted = 0, refused = 0;

        await FuzzBodies.Body.SampleAsync(async body =>
        {
            using var response = await _host.Client.PostAsync($"/admin?env={TestHost.Env}", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var envelope = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
            Assert.True(envelope.TryGetProperty("requestId", out _), body);
            var after = await SnapshotAsync();
            if (envelope.TryGetProperty("code", out var code))
            {
                Assert.NotEqual("SYS_ERR", code.GetString());
                Assert.True(state == after, $"refused with {code} yet changed the collection: {body}");
                refused++;
            }
            else
            {
                accepted++;
            }
            state = after;
        }, iter: 3000, threads: 1);

        output.WriteLine($"accepted {accepted}, refused {refused}");
        Assert.True(refused > accepted, "the generator should mostly produce bad input");
        using var health = await _host.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        // The fuzz may have dropped the collection (an accepted admin action); a fresh one must work normally.
        await _host.CallAsync(new { action = "actorcloud.dropCollection", collectionName = FuzzBodies.Collection });
        await _host.CallAsync(new { action = "database.addCollection", collectionName = FuzzBodies.Collection });
        var inserted = await _host.CallAsync(new { action = "database.insertDocument", collectionName = FuzzBodies.Collection, data = new[] { "{}" } });
        Assert.Single(inserted.GetProperty("data").GetProperty("insertedIds").EnumerateArray());
    }

    [Fact]
    public async Task Random_bodies_from_an_end_user_never_reach_other_users_documents()
    {
        const string collection = "fuzz_private";
        await _host.CallAsync(new { action = "database.addCollection", collectionName = collection });
        await _host.CallAsync(new
        {
            action = "database.insertDocument", collectionName = collection,
            data = new[] { """{"_id":"f1","a":{"$numberInt":"1"},"_openid":"someone-else"}""", """{"_id":"f2","a":"text"}""" },
        });
        var others = await OthersAsync(collection);
        using var signIn = await _host.Client.PostAsync($"/auth/v1/signin/anonymously?client_id={TestHost.Env}", new StringContent("{}"));
        var token = JsonSerializer.Deserialize<JsonElement>(await signIn.Content.ReadAsStringAsync()).GetProperty("access_token").GetString();
        int accepted = 0, refused = 0;

        await FuzzBodies.Body.SampleAsync(async body =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin?env={TestHost.Env}")
            {
                Content = new StringContent(body.Replace(FuzzBodies.Collection, collection), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var response = await _host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var envelope = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
            if (envelope.TryGetProperty("code", out var code))
            {
                Assert.NotEqual("SYS_ERR", code.GetString());
                refused++;
            }
            else
            {
                accepted++;
            }
            Assert.True(others == await OthersAsync(collection), $"an end user's request changed another user's documents: {body}");
        }, iter: 1500, threads: 1);

        output.WriteLine($"accepted {accepted}, refused {refused}");
        Assert.True(accepted > 0, "some requests should be allowed to the user");
    }

    /// <summary>What the admin sees of the documents that are not the fuzzing user's (it owns only what it adds).</summary>
    private async Task<string> OthersAsync(string collection)
    {
        var found = await _host.CallAsync(new
        {
            action = "database.getDocument", collectionName = collection, limit = 1000,
            query = """{"_id":{"$in":["f1","f2"]}}""",
        });
        return found.GetProperty("data").GetProperty("list").GetRawText();
    }

    private async Task<string> SnapshotAsync()
    {
        var found = await _host.CallAsync(new { action = "database.getDocument", collectionName = FuzzBodies.Collection, limit = 1000 });
        return found.TryGetProperty("data", out var data) ? data.GetProperty("list").GetRawText() : found.GetProperty("code").GetString()!;
    }
}
