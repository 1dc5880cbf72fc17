using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ActorCloud.Api.Tests.Support;

namespace ActorCloud.Api.Tests;

/// <summary>
/// The gateway's refusals over real HTTP: CloudBase's envelope with the right code, HTTP 200, and no change.
/// </summary>
public sealed class GatewayErrorTests(HostFixture fixture) : IClassFixture<HostFixture>, IAsyncLifetime
{
    private readonly TestHost _host = fixture.Host;

    /// <summary>Every test starts from the same one-document <c>books</c> collection.</summary>
    public async Task InitializeAsync()
    {
        await _host.CallAsync(new { action = "actorcloud.dropCollection", collectionName = "books" });
        await _host.CallAsync(new { action = "database.addCollection", collectionName = "books" });
        await _host.CallAsync(new { action = "database.insertDocument", collectionName = "books", data = new[] { """{"_id":"b1","n":{"$numberInt":"1"}}""" } });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null, "SIGN_PARAM_INVALID")]
    [InlineData("Bearer wrong-key", "SIGN_PARAM_INVALID")]
    [InlineData("TC3-HMAC-SHA256 Credential=AKID/2026-11-25/tcb/tc3_request, Signature=00", "SIGN_PARAM_INVALID")]
    public async Task Requests_without_a_valid_credential_are_refused_and_change_nothing(string? authorization, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin?env={TestHost.Env}")
        {
            Content = Json(new { action = "database.removeDocument", collectionName = "books", query = "{}", multi = true }),
        };
        request.Headers.Authorization = authorization is null ? null : AuthenticationHeaderValue.Parse(authorization);
        using var client = new HttpClient { BaseAddress = _host.BaseAddress };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("requestId").GetString()));
        await AssertBooksUnchangedAsync();
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { "{not json", "INVALID_PARAM" },
        { "[1,2]", "INVALID_PARAM" },
        { """{"action":"database.nope"}""", "INVALID_ACTION" },
        { """{"action":"database.aggregateDocuments","collectionName":"books","stages":[{"stageKey":"$facet","stageValue":"{}"}]}""", "DATABASE_INVALID_OPERRATOR" },
        { """{"action":"database.aggregateDocuments","collectionName":"books","stages":[{"stageKey":"$limit","stageValue":"0"}]}""", "INVALID_PARAM" },
        { """{"action":"database.aggregateDocuments","collectionName":"books","stages":{}}""", "INVALID_PARAM" },
        { """{"action":"database.aggregateDocuments","collectionName":"books","stages":[{"stageKey":"$match","stageValue":"{not json"}]}""", "INVALID_PARAM" },
        { """{"action":"database.commitTransaction","transactionId":"not-ours"}""", "INVALID_PARAM" },
        { """{"action":"database.commitTransaction","transactionId":"0123456789abcdef0123456789abcdef"}""", "DATABASE_TRANSACTION_CONFLICT" },
        { """{"action":"database.calculateDocument","collectionName":"books","transactionId":"0123456789abcdef0123456789abcdef"}""", "INVALID_PARAM" },
        { """{"collectionName":"books"}""", "INVALID_PARAM" },
        { """{"action":"database.getDocument","collectionName":"missing","queryType":"WHERE"}""", "DATABASE_COLLECTION_NOT_EXIST" },
        { """{"action":"database.getDocument","collectionName":"bad/name"}""", "INVALID_PARAM" },
        { """{"action":"database.getDocument","collectionName":"books","query":"{\"a\":{\"$where\":\"1\"}}"}""", "DATABASE_INVALID_OPERRATOR" },
        { """{"action":"database.getDocument","collectionName":"books","query":"{\"$where\":\"sleep(1)\"}"}""", "DATABASE_INVALID_OPERRATOR" },
        { """{"action":"database.getDocument","collectionName":"books","query":"{\"a\":{\"$function\":{}}}"}""", "DATABASE_INVALID_OPERRATOR" },
        { """{"action":"database.getDocument","collectionName":"books","query":"{bad"}""", "INVALID_PARAM" },
        { """{"action":"database.getDocument","collectionName":"books","limit":-1}""", "INVALID_PARAM" },
        { """{"action":"database.getDocument","collectionName":"books","offset":-5}""", "INVALID_PARAM" },
        { """{"action":"database.getDocument","collectionName":"books","limit":1e30}""", "INVALID_PARAM" },
        { """{"action":"database.getDocument","collectionName":"books","limit":"10"}""", "INVALID_PARAM" },
        { """{"action":"database.getDocument","collectionName":"books","queryType":"DOC","query":"{}"}""", "INVALID_PARAM" },
        { """{"action":"database.insertDocument","collectionName":"books","data":["{\"$bad\":1}"]}""", "INVALID_PARAM" },
        { """{"action":"database.insertDocument","collectionName":"books","data":["{\"a\":{\"\":1}}"]}""", "INVALID_PARAM" },
        { """{"action":"database.insertDocument","collectionName":"books","data":["{\"_id\":\"b1\"}"]}""", "DATABASE_REQUEST_FAILED" },
        { """{"action":"database.insertDocument","collectionName":"books","data":"nope"}""", "INVALID_PARAM" },
        { """{"action":"database.modifyDocument","collectionName":"books","query":"{}","multi":true,"data":"{\"$inc\":{\"n\":\"x\"}}"}""", "INVALID_PARAM" },
        { """{"action":"database.modifyDocument","collectionName":"books","query":"{}","multi":true,"data":"{\"$frobnicate\":{\"n\":1}}"}""", "DATABASE_INVALID_OPERRATOR" },
        { """{"action":"database.modifyDocument","collectionName":"books","query":"{}","multi":true,"data":"{\"$set\":{\"_id\":\"other\"}}"}""", "DATABASE_REQUEST_FAILED" },
        { """{"action":"database.modifyDocument","collectionName":"books","query":"{}","multi":true,"data":"{\"$push\":{\"n\":1}}"}""", "DATABASE_REQUEST_FAILED" },
        { """{"action":"database.modifyDocument","collectionName":"books","query":"{}","multi":"yes","data":"{\"$set\":{\"a\":1}}"}""", "INVALID_PARAM" },
        { """{"action":"database.addCollection","collectionName":"books"}""", "DATABASE_REQUEST_FAILED" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_gets_a_CloudBase_error_and_changes_nothing(string body, string code)
    {
        using var response = await _host.Client.PostAsync($"/admin?env={TestHost.Env}", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var envelope = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, envelope.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(envelope.GetProperty("message").GetString()));
        await AssertBooksUnchangedAsync();
    }

    [Fact]
    public async Task Nesting_deeper_than_100_levels_is_refused()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 150)) + "1" + new string('}', 150);
        var envelope = await _host.CallAsync(new { action = "database.insertDocument", collectionName = "books", data = new[] { deep } });
        Assert.Equal("INVALID_PARAM", envelope.GetProperty("code").GetString());
        await AssertBooksUnchangedAsync();
    }

    [Fact]
    public async Task An_unknown_environment_is_refused()
    {
        var envelope = await _host.CallAsync(new { action = "database.getDocument", collectionName = "books" }, env: "no-such-env");
        Assert.Equal("INVALIID_ENV", envelope.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_answered_in_the_envelope()
    {
        var small = await TestHost.StartAsync(null, "--ActorCloud:Limits:MaxBodyBytes", "1024");
        var payload = new string('x', 4096);
        var envelope = await small.CallAsync(new { action = "database.insertDocument", collectionName = "books", data = new[] { $$"""{"p":"{{payload}}"}""" } });
        Assert.Equal("EXCEED_REQUEST_LIMIT", envelope.GetProperty("code").GetString());
        await small.DisposeAsync();
        small.DeleteData();
    }

    [Fact]
    public async Task Environments_can_be_created_and_listed_by_admins()
    {
        var created = await _host.CallAsync(new { action = "actorcloud.createEnvironment", name = "staging" });
        Assert.True(created.GetProperty("data").GetProperty("created").GetBoolean());
        await _host.CallAsync(new { action = "database.addCollection", collectionName = "logs" }, env: "staging");

        var listed = await _host.CallAsync(new { action = "actorcloud.listEnvironments" });
        Assert.Contains("staging", listed.GetProperty("data").GetProperty("environments").EnumerateArray().Select(e => e.GetString()));
        await Eventually.AssertAsync(async () => Assert.Equal(["logs"], await CollectionNamesAsync("staging")));
    }

    [Fact]
    public async Task Collections_can_be_listed_and_dropped()
    {
        await _host.CallAsync(new { action = "database.addCollection", collectionName = "temp" });
        await _host.CallAsync(new { action = "database.insertDocument", collectionName = "temp", data = new[] { "{}" } });
        await Eventually.AssertAsync(async () => Assert.Contains("temp", await CollectionNamesAsync(TestHost.Env)));

        var dropped = await _host.CallAsync(new { action = "actorcloud.dropCollection", collectionName = "temp" });
        var read = await _host.CallAsync(new { action = "database.calculateDocument", collectionName = "temp" });

        Assert.False(dropped.TryGetProperty("code", out _));
        Assert.Equal("DATABASE_COLLECTION_NOT_EXIST", read.GetProperty("code").GetString());
        await Eventually.AssertAsync(async () => Assert.DoesNotContain("temp", await CollectionNamesAsync(TestHost.Env)));
    }

    private async Task<List<string?>> CollectionNamesAsync(string env)
    {
        var listed = await _host.CallAsync(new { action = "actorcloud.listCollections" }, env);
        return listed.GetProperty("data").GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
    }

    private async Task AssertBooksUnchangedAsync()
    {
        var found = await _host.CallAsync(new { action = "database.getDocument", collectionName = "books", queryType = "WHERE", limit = 100 });
        var list = found.GetProperty("data").GetProperty("list").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["""{ "_id" : "b1", "n" : { "$numberInt" : "1" } }"""], list);
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
