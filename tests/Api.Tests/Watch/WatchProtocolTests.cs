using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using ActorCloud.Api.Tests.Support;
using static ActorCloud.Api.Tests.Watch.RawWatchClient;

namespace ActorCloud.Api.Tests.Watch;

/// <summary>
/// The realtime protocol over a real socket against the real host (protocol notes §3.9): sign-in, the frames of a
/// watch's life, resuming on another socket, refusals with the client's error codes, and a client that stops reading.
/// </summary>
public sealed class WatchProtocolTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task Signs_in_and_answers_pings()
    {
        await using var client = await ConnectAsync(_host);
        Assert.Equal($"ws://{_host.BaseAddress.Authority}/watch", Text(client.Sign, "wsUrl"));
        Assert.Equal(TestHost.Env, Text(client.Sign, "envId"));
        Assert.Equal(JsonValueKind.Number, client.Sign.GetProperty("secretVersion").ValueKind);

        var login = await client.LoginAsync();
        Assert.Equal("LOGIN_RES", Text(login, "msgType"));
        Assert.Equal(TestHost.Env, Text(login, "msgData.envId"));
        var pong = await client.RequestAsync("PING", null, null);
        Assert.Equal("PONG", Text(pong, "msgType"));
    }

    [Fact]
    public async Task Refuses_bad_tickets_other_environments_and_watches_before_login()
    {
        await using var client = await ConnectAsync(_host);
        var signStr = Text(client.Sign, "signStr");
        Assert.Equal("SIGN_INVALID_ERROR", Text(await client.LoginAsync(signStr[..^2] + "00"), "msgData.code"));
        Assert.Equal("SIGN_PARAM_INVALID", Text(await client.LoginAsync(""), "msgData.code"));
        Assert.Equal("INVALIID_ENV", Text(await client.LoginAsync(envId: "elsewhere"), "msgData.code"));

        var early = await client.InitAsync("w1", await CollectionAsync());
        Assert.Equal("ERROR", Text(early, "msgType"));
        Assert.Equal("CHECK_LOGIN_FAILED", Text(early, "msgData.code"));
        Assert.False(early.TryGetProperty("watchId", out _), "a refused INIT_WATCH is answered by requestId only");
    }

    [Fact]
    public async Task Streams_a_watch_with_consecutive_event_ids_and_answers_check_last()
    {
        var collection = await CollectionAsync("""{"_id":"a","n":{"$numberInt":"1"}}""");
        await using var client = await ConnectAsync(_host);
        await client.LoginAsync();

        var init = await client.InitAsync("w1", collection, """{"n":{"$gte":{"$numberInt":"1"}}}""");
        Assert.Equal("INIT_EVENT", Text(init, "msgType"));
        Assert.Equal("w1", Text(init, "watchId"));
        Assert.Equal("1:init/init/a", Events(init));
        Assert.Equal("""{"_id":"a","n":1}""", Text(init.GetProperty("msgData").GetProperty("events")[0], "Doc"));
        var queryId = Text(init, "msgData.queryID");

        await InsertAsync(collection, """{"_id":"b","n":{"$numberInt":"2"}}""");
        var next = await client.ReceiveAsync();
        Assert.Equal("NEXT_EVENT", Text(next, "msgType"));
        Assert.Equal("w1", Text(next, "watchId"));
        Assert.Equal("2", Text(next, "msgData.currEvent"));
        Assert.Equal("2:add/enqueue/b", Events(next));

        var check = await client.RequestAsync("CHECK_LAST", "w1", new { queryID = queryId, eventID = 1 });
        Assert.Equal("CHECK_EVENT", Text(check, "msgType"));
        Assert.Equal("2", Text(check, "msgData.currEvent"));
        var stranger = await client.RequestAsync("CHECK_LAST", "w1", new { queryID = "q-unknown", eventID = 1 });
        Assert.Equal("QUERYID_INVALID_ERROR", Text(stranger, "msgData.code"));
    }

    [Fact]
    public async Task A_watch_resumes_on_a_new_socket_with_the_events_it_missed_and_only_for_its_own_caller()
    {
        var collection = await CollectionAsync();
        var first = await ConnectAsync(_host);
        await first.LoginAsync();
        var queryId = Text(await first.InitAsync("w1", collection), "msgData.queryID");
        first.Kill();
        await first.DisposeAsync();
        await InsertAsync(collection, """{"_id":"x"}""");
        await InsertAsync(collection, """{"_id":"y"}""");

        await using var user = await ConnectAsync(_host, await UserTokenAsync());
        await user.LoginAsync();
        Assert.Equal("QUERYID_INVALID_ERROR", Text(await user.RebuildAsync("w1", collection, queryId, 1), "msgData.code"));

        await using var second = await ConnectAsync(_host);
        await second.LoginAsync();
        Assert.Equal("QUERYID_INVALID_ERROR", Text(await second.RebuildAsync("w1", collection, "q-unknown", 1), "msgData.code"));
        var resumed = await second.RebuildAsync("w1", collection, queryId, 1);
        Assert.Equal("NEXT_EVENT", Text(resumed, "msgType"));
        Assert.Equal("2:add/enqueue/x 3:add/enqueue/y", Events(resumed));
        Assert.Equal("3", Text(resumed, "msgData.currEvent"));

        await InsertAsync(collection, """{"_id":"z"}""");
        Assert.Equal("4:add/enqueue/z", Events(await second.ReceiveAsync()));
        Assert.Equal("", Events(await second.RebuildAsync("w1", collection, queryId, 4)));
    }

    [Fact]
    public async Task Close_watch_stops_the_events_of_that_watch_only()
    {
        var collection = await CollectionAsync();
        await using var client = await ConnectAsync(_host);
        await client.LoginAsync();
        await client.InitAsync("w1", collection);
        await client.InitAsync("w2", collection, """{"keep":true}""");
        await client.SendAsync("CLOSE_WATCH", "w1", null);
        await InsertAsync(collection, """{"_id":"a","keep":true}""");

        var next = await client.ReceiveAsync();
        Assert.Equal("w2", Text(next, "watchId"));
        Assert.Equal("PONG", Text(await client.RequestAsync("PING", null, null), "msgType"));
    }

    [Fact]
    public async Task Drops_a_client_that_stops_reading_instead_of_queueing_without_bound()
    {
        var big = new string('x', 100_000);
        var collection = await CollectionAsync();
        for (var batch = 0; batch < 10; batch++)
            await InsertAsync(collection, [.. Enumerable.Range(0, 10).Select(i => $$"""{"_id":"d{{batch}}-{{i}}","pad":"{{big}}"}""")]);
        await using var client = await ConnectAsync(_host);
        await client.LoginAsync();
        await client.InitAsync("w1", collection);

        // Every update rewrites ~10 MB of documents into one frame that nobody reads: 300 MB in all, far more than the
        // queue's 16 MB plus what the kernel buffers of a loopback connection take in (up to ~36 MB here, more on a
        // loaded machine whose buffers autotune larger — 100 MB was seen to fit).
        const int rounds = 30;
        for (var round = 0; round < rounds; round++)
        {
            var reply = await _host.CallAsync(new
            {
                action = "database.modifyDocument", collectionName = collection, queryType = "WHERE", query = "{}", multi = true,
                merge = true, upsert = false, data = "{\"$set\":{\"round\":" + round + "}}",
            });
            Assert.False(reply.TryGetProperty("code", out _), reply.ToString());
        }

        // The server drops the socket once its queue is full: reading on, the client finds the connection cut without a
        // closing handshake (what it had buffered before that still arrives); a live socket would just go quiet. On a
        // loaded machine the server may still be turning the last writes into frames, hence the long patience.
        var frames = 0;
        var ending = await Record.ExceptionAsync(async () =>
        {
            while (true)
            {
                await client.ReceiveAsync(TimeSpan.FromSeconds(60));
                frames++;
            }
        });
        Assert.True(ending is WebSocketException, $"after {frames} frames the socket was not dropped: {ending}");
    }

    [Fact]
    public async Task Answers_a_plain_request_to_the_socket_address_with_400()
    {
        using var response = await _host.Client.GetAsync("/watch");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<string> CollectionAsync(params string[] documents)
    {
        var name = "w" + Guid.NewGuid().ToString("N")[..12];
        await _host.CallAsync(new { action = "database.addCollection", collectionName = name });
        if (documents.Length > 0) await InsertAsync(name, documents);
        return name;
    }

    private async Task InsertAsync(string collection, params string[] documents)
    {
        var reply = await _host.CallAsync(new { action = "database.insertDocument", collectionName = collection, data = documents });
        Assert.True(reply.TryGetProperty("data", out _), reply.ToString());
    }

    private async Task<string> UserTokenAsync()
    {
        using var response = await _host.Client.PostAsync($"/auth/v1/signin/anonymously?client_id={TestHost.Env}", new StringContent("{}"));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }
}
