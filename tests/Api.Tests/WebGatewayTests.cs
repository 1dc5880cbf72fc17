using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ActorCloud.Api.Tests.Support;

namespace ActorCloud.Api.Tests;

/// <summary>
/// <c>/web</c>, the web SDK's door, over real HTTP: bad input and bad tokens get CloudBase's envelope (HTTP 200) and
/// change nothing; the client dialect round-trips; form uploads check their credentials; the 1.x sign-in actions.
/// The SDK-driven end-to-end tests are in tests/node (web-*.test.mjs).
/// </summary>
public sealed class WebGatewayTests(WebGatewayTests.Fixture fixture) : IClassFixture<WebGatewayTests.Fixture>, IAsyncLifetime
{
    /// <summary>A small body limit, so an oversized body is cheap to send.</summary>
    public sealed class Fixture() : HostFixture(["--ActorCloud:Limits:MaxBodyBytes", "65536"]);

    private readonly TestHost _host = fixture.Host;
    private static readonly HttpClient Browser = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync()
    {
        await _host.CallAsync(new { action = "actorcloud.dropCollection", collectionName = "notes" });
        await _host.CallAsync(new { action = "database.addCollection", collectionName = "notes" });
        await _host.CallAsync(new Dictionary<string, string>
        {
            ["action"] = "actorcloud.modifyDatabaseACL", ["CollectionName"] = "notes", ["AclTag"] = "READONLY",
        });
        await _host.CallAsync(new { action = "database.insertDocument", collectionName = "notes", data = new[] { """{"_id":"n1","n":1}""" } });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string> BadCalls() => new()
    {
        { """{"action":"database.addDocument","collectionName":"notes","data":{"due":{"$date":"yesterday"}}}""", "INVALID_PARAM" },
        { """{"action":"database.addDocument","collectionName":"notes","data":{"re":{"$regex":"a","$options":"q"}}}""", "INVALID_PARAM" },
        { """{"action":"database.addDocument","collectionName":"notes","data":7}""", "INVALID_PARAM" },
        { """{"action":"database.addDocument","collectionName":"notes"}""", "INVALID_PARAM" },
        { """{"action":"database.addDocument","collectionName":"notes","data":{"$set":{"a":1}}}""", "INVALID_PARAM" },
        { """{"action":"database.queryDocument","collectionName":"notes","order":{"n":1}}""", "INVALID_PARAM" },
        { """{"action":"database.queryDocument","collectionName":"notes","order":[{"field":"n","direction":"up"}]}""", "INVALID_PARAM" },
        { """{"action":"database.queryDocument","collectionName":"notes","order":[{"direction":"asc"}]}""", "INVALID_PARAM" },
        { """{"action":"database.queryDocument","collectionName":"notes","query":{"$where":"1"}}""", "DATABASE_INVALID_OPERRATOR" },
        { """{"action":"database.deleteDocument","collectionName":"notes","query":[1],"multi":true}""", "INVALID_PARAM" },
        { """{"action":"database.updateDocument","collectionName":"notes","query":{"_id":"n1"},"data":{"$frob":{"n":1}}}""", "DATABASE_INVALID_OPERRATOR" },
        { """{"action":"database.updateDocument","collectionName":"notes","queryType":"DOC","query":{},"data":{"$set":{"n":2}}}""", "INVALID_PARAM" },
        { """{"action":"database.addCollection","collectionName":"other"}""", "DATABASE_PERMISSION_DENIED" },
        { """{"action":"actorcloud.dropCollection","collectionName":"notes"}""", "DATABASE_PERMISSION_DENIED" },
        { """{"action":"actorcloud.createFunction","FunctionName":"f"}""", "DATABASE_PERMISSION_DENIED" },
        { """{"action":"database.getDocument","collectionName":"notes"}""", "DATABASE_PERMISSION_DENIED" },
        { """{"action":"database.startTransaction"}""", "DATABASE_PERMISSION_DENIED" },
        { """{"action":"database.aggregate","collectionName":"notes","stages":[{"stageKey":"$out","stageValue":"\"x\""}]}""", "DATABASE_INVALID_OPERRATOR" },
        { """{"action":"database.aggregate","collectionName":"notes","stages":[{"stageKey":"$match","stageValue":"{\"$where\":\"1\"}"}]}""", "DATABASE_INVALID_OPERRATOR" },
        { """{"action":"database.aggregate","collectionName":"notes","stages":[{"stageKey":"match","stageValue":"{}"}]}""", "INVALID_PARAM" },
        { """{"action":"database.nope"}""", "INVALID_ACTION" },
        { """{"collectionName":"notes"}""", "INVALID_PARAM" },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public async Task Bad_calls_of_a_signed_in_user_are_refused_and_change_nothing(string body, string code)
    {
        var token = await SignInAsync();
        var call = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body)!;
        call["access_token"] = JsonSerializer.SerializeToElement(token);
        var reply = await WebAsync(JsonSerializer.Serialize(call));
        Assert.Equal(code, reply.GetProperty("code").GetString());
        await AssertNotesUnchangedAsync();
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1]")]
    [InlineData("")]
    public async Task Bodies_that_are_not_a_json_object_are_refused(string body)
    {
        Assert.Equal("INVALID_PARAM", (await WebAsync(body)).GetProperty("code").GetString());
        await AssertNotesUnchangedAsync();
    }

    [Fact]
    public async Task An_oversized_body_is_refused_in_the_envelope()
    {
        var token = await SignInAsync();
        var body = JsonSerializer.Serialize(new
        {
            action = "database.addDocument", collectionName = "notes", access_token = token, data = new { text = new string('x', 70_000) },
        });
        Assert.Equal("EXCEED_REQUEST_LIMIT", (await WebAsync(body)).GetProperty("code").GetString());
        await AssertNotesUnchangedAsync();
    }

    [Fact]
    public async Task Missing_tampered_admin_and_other_environment_tokens_are_refused()
    {
        var token = await SignInAsync();
        var tampered = token[..^2] + (token[^2] == 'A' ? "BA" : "AB");
        await _host.CallAsync(new { action = "actorcloud.createEnvironment", name = "web-other" });
        var other = await SignInAsync("web-other");
        foreach (var (bad, code) in new[]
                 {
                     ((string?)null, "CHECK_LOGIN_FAILED"), ("", "CHECK_LOGIN_FAILED"), (tampered, "CHECK_LOGIN_FAILED"),
                     (TestHost.AdminKey, "CHECK_LOGIN_FAILED"), (other, "CHECK_LOGIN_FAILED"),
                 })
        {
            var reply = await WebAsync(JsonSerializer.Serialize(new
            {
                action = "database.deleteDocument", collectionName = "notes", query = new { }, multi = true, access_token = bad,
            }));
            Assert.Equal(code, reply.GetProperty("code").GetString());
        }
        await AssertNotesUnchangedAsync();
    }

    [Fact]
    public async Task The_client_dialect_round_trips_and_the_server_sets_the_owner()
    {
        var token = await SignInAsync();
        var added = await WebAsync(JsonSerializer.Serialize(new
        {
            action = "database.addDocument", collectionName = "notes", access_token = token,
            data = new Dictionary<string, object>
            {
                ["_id"] = "mine", ["when"] = new Dictionary<string, long> { ["$date"] = 1704067200000 },
                ["stamp"] = new Dictionary<string, object> { ["$date"] = new { offset = 0 } },
                ["re"] = new Dictionary<string, string> { ["$regex"] = "^a", ["$options"] = "i" }, ["n"] = 2.5,
            },
        }));
        Assert.Equal("mine", added.GetProperty("data").GetProperty("_id").GetString());

        var stored = await _host.CallAsync(new { action = "database.getDocument", collectionName = "notes", query = """{"_id":"mine"}""" });
        var document = JsonDocument.Parse(stored.GetProperty("data").GetProperty("list")[0].GetString()!).RootElement;
        Assert.Equal("1704067200000", document.GetProperty("when").GetProperty("$date").GetProperty("$numberLong").GetString());
        Assert.Equal(JsonValueKind.Object, document.GetProperty("stamp").GetProperty("$date").ValueKind);
        Assert.Equal("^a", document.GetProperty("re").GetProperty("$regularExpression").GetProperty("pattern").GetString());

        var found = await WebAsync(JsonSerializer.Serialize(new
        {
            action = "database.queryDocument", collectionName = "notes", queryType = "WHERE", access_token = token,
            query = new Dictionary<string, object> { ["when"] = new Dictionary<string, object> { ["$gte"] = new Dictionary<string, long> { ["$date"] = 0 } } },
            order = new[] { new { field = "n", direction = "desc" } }, limit = 100,
        }));
        var list = found.GetProperty("data").GetProperty("list");
        Assert.Equal(1, list.GetArrayLength());
        Assert.Equal(1704067200000, list[0].GetProperty("when").GetProperty("$date").GetInt64());
        Assert.Equal(2.5, list[0].GetProperty("n").GetDouble());
        Assert.Equal("i", list[0].GetProperty("re").GetProperty("$options").GetString());
        Assert.Equal(20, found.GetProperty("limit").GetInt32());
        Assert.Equal(UidOf(token), list[0].GetProperty("_openid").GetString());
    }

    [Fact]
    public async Task Form_uploads_check_their_credentials_and_store_nothing_when_refused()
    {
        var token = await SignInAsync();
        await _host.CallAsync(new Dictionary<string, string> { ["action"] = "actorcloud.modifyStorageSafeRule", ["AclTag"] = "READONLY" });

        var metadata = await MetadataAsync(token, "web/a.txt");
        var url = metadata.GetProperty("url").GetString()!;
        var plainUrl = url[..url.IndexOf('?')];
        string Field(string name) => metadata.GetProperty(name).GetString()!;

        using (var forged = await PostFormAsync(plainUrl, "web/a.txt", Field("authorization") + "0", Field("token")))
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        using (var otherKey = await PostFormAsync(plainUrl, "web/b.txt", Field("authorization"), Field("token")))
            Assert.Equal(HttpStatusCode.BadRequest, otherKey.StatusCode);
        using (var noFile = await Browser.PostAsync(plainUrl, new MultipartFormDataContent { { new StringContent("x"), "signature" } }))
            Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Equal("STORAGE_FILE_NONEXIST", await DownloadCodeAsync(Field("fileId")));

        using (var accepted = await PostFormAsync(plainUrl, "web/a.txt", Field("authorization"), Field("token")))
        {
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
            Assert.Contains("<Key>web/a.txt</Key>", await accepted.Content.ReadAsStringAsync());
        }
        using (var replayed = await PostFormAsync(plainUrl, "web/a.txt", Field("authorization"), Field("token")))
            Assert.Equal(HttpStatusCode.Forbidden, replayed.StatusCode);
        Assert.Equal("SUCCESS", await DownloadCodeAsync(Field("fileId")));

        var bare = await MetadataAsync(token, "web/bare.bin");
        using var raw = await Browser.PostAsync(bare.GetProperty("url").GetString(), new ByteArrayContent([1, 2, 3]));
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal("SUCCESS", await DownloadCodeAsync(bare.GetProperty("fileId").GetString()!));
    }

    [Fact]
    public async Task The_1x_sign_in_actions_give_the_same_sessions()
    {
        var signedIn = await WebAsync("""{"action":"auth.signInAnonymously","anonymous_uuid":"","refresh_token":""}""");
        var uuid = signedIn.GetProperty("uuid").GetString()!;
        var refreshToken = signedIn.GetProperty("refresh_token").GetString()!;
        var access = await WebAsync(JsonSerializer.Serialize(new { action = "auth.fetchAccessTokenWithRefreshToken", refresh_token = refreshToken }));
        Assert.Equal(7_200_000, access.GetProperty("access_token_expire").GetInt64());
        var token = access.GetProperty("access_token").GetString()!;
        var info = await WebAsync(JsonSerializer.Serialize(new { action = "auth.getUserInfo", access_token = token }));
        Assert.Equal(uuid, info.GetProperty("data").GetProperty("uid").GetString());
        Assert.Equal("ANONYMOUS", info.GetProperty("data").GetProperty("loginType").GetString());

        var resumed = await WebAsync(JsonSerializer.Serialize(new { action = "auth.signInAnonymously", anonymous_uuid = uuid, refresh_token = refreshToken }));
        Assert.Equal(uuid, resumed.GetProperty("uuid").GetString());
        var stranger = await WebAsync(JsonSerializer.Serialize(new { action = "auth.signInAnonymously", anonymous_uuid = uuid, refresh_token = "rt1.forged" }));
        Assert.NotEqual(uuid, stranger.GetProperty("uuid").GetString());

        await WebAsync(JsonSerializer.Serialize(new { action = "auth.logout", refresh_token = refreshToken }));
        var afterLogout = await WebAsync(JsonSerializer.Serialize(new { action = "auth.fetchAccessTokenWithRefreshToken", refresh_token = refreshToken }));
        Assert.Equal("INVALID_REFRESH_TOKEN", afterLogout.GetProperty("code").GetString());
        var badTicket = await WebAsync("""{"action":"auth.signInWithTicket","ticket":"nokey/@@/a.b.c","refresh_token":""}""");
        Assert.Equal("INVALID_TICKET", badTicket.GetProperty("code").GetString());
    }

    private async Task<JsonElement> WebAsync(string body, string env = TestHost.Env)
    {
        using var response = await Browser.PostAsync(new Uri(_host.BaseAddress, $"/web?env={env}"), new StringContent(body, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(reply.GetProperty("requestId").GetString()));
        return reply;
    }

    private async Task<string> SignInAsync(string env = TestHost.Env)
    {
        using var response = await Browser.PostAsync(new Uri(_host.BaseAddress, $"/auth/v1/signin/anonymously?client_id={env}"), new StringContent("{}"));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private static string UidOf(string token) =>
        JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement.GetProperty("sub").GetString()!;

    private async Task<JsonElement> MetadataAsync(string token, string path)
    {
        var reply = await WebAsync(JsonSerializer.Serialize(new { action = "storage.getUploadMetadata", path, access_token = token }));
        return reply.GetProperty("data").Clone();
    }

    private static Task<HttpResponseMessage> PostFormAsync(string url, string key, string signature, string securityToken) =>
        Browser.PostAsync(url, new MultipartFormDataContent
        {
            { new StringContent(key), "key" }, { new StringContent(signature), "signature" },
            { new StringContent("201"), "success_action_status" }, { new StringContent(securityToken), "x-cos-security-token" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("hello")), "file", "blob" },
        });

    private async Task<string> DownloadCodeAsync(string fileId) =>
        (await new StorageCalls(_host.Client).DownloadItemAsync(fileId)).GetProperty("code").GetString()!;

    private async Task AssertNotesUnchangedAsync()
    {
        var reply = await _host.CallAsync(new { action = "database.getDocument", collectionName = "notes", query = "{}", limit = 100 });
        var list = reply.GetProperty("data").GetProperty("list");
        Assert.Equal(1, list.GetArrayLength());
        Assert.Contains("\"n1\"", list[0].GetString());
    }
}
