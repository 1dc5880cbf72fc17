using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using ActorCloud.Api.Tests.Support;

namespace ActorCloud.Api.Tests.Watch;

/// <summary>
/// The realtime protocol spoken by hand over a real WebSocket, for what the SDK cannot show: exact frames, refusals,
/// sockets that vanish or stop reading. Signs in through <c>auth.wsWebSign</c> like the SDK.
/// </summary>
public sealed class RawWatchClient : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket = new();
    private int _requests;

    private RawWatchClient(JsonElement sign) => Sign = sign;

    /// <summary>The <c>data</c> of the <c>auth.wsWebSign</c> answer this client connected with.</summary>
    public JsonElement Sign { get; }

    public WebSocketState State => _socket.State;

    /// <summary>Connects as the admin, or as the end user whose access token is <paramref name="userToken"/>.</summary>
    public static async Task<RawWatchClient> ConnectAsync(TestHost host, string? userToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin?env={TestHost.Env}")
        {
            Content = JsonContent.Create(new { action = "auth.wsWebSign", runtime = "" }),
        };
        if (userToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", userToken);
        using var response = await host.Client.SendAsync(request);
        var sign = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        var client = new RawWatchClient(sign);
        await client._socket.ConnectAsync(new Uri(sign.GetProperty("wsUrl").GetString()!), CancellationToken.None);
        return client;
    }

    public async Task<JsonElement> LoginAsync(string? signStr = null, string envId = TestHost.Env) =>
        await RequestAsync("LOGIN", null, new { envId, accessToken = "", referrer = "web", sdkVersion = "", dataVersion = "" },
            new { signStr = signStr ?? Sign.GetProperty("signStr").GetString(), secretVersion = 1 });

    /// <summary>INIT_WATCH with the query double-encoded, as node-sdk sends a where() watch.</summary>
    public Task<JsonElement> InitAsync(string watchId, string collection, string ejsonQuery = "{}", int? limit = null) =>
        RequestAsync("INIT_WATCH", watchId, new { envId = TestHost.Env, collName = collection, query = JsonSerializer.Serialize(ejsonQuery), limit });

    public Task<JsonElement> RebuildAsync(string watchId, string collection, string queryId, long eventId) =>
        RequestAsync("REBUILD_WATCH", watchId, new { envId = TestHost.Env, collName = collection, queryID = queryId, eventID = eventId });

    /// <summary>Sends a frame and returns the next frame answering its requestId (frames in between are skipped).</summary>
    public async Task<JsonElement> RequestAsync(string msgType, string? watchId, object? msgData, object? exMsgData = null)
    {
        var requestId = await SendAsync(msgType, watchId, msgData, exMsgData);
        while (true)
        {
            var frame = await ReceiveAsync();
            if (frame.TryGetProperty("requestId", out var id) && id.GetString() == requestId) return frame;
        }
    }

    public async Task<string> SendAsync(string msgType, string? watchId, object? msgData, object? exMsgData = null)
    {
        var requestId = $"r{Interlocked.Increment(ref _requests)}";
        var frame = JsonSerializer.SerializeToUtf8Bytes(new { watchId, requestId, msgType, msgData, exMsgData });
        await _socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None);
        return requestId;
    }

    /// <param name="patience">How long to wait for the frame; a timeout aborts the socket (as any cancelled WebSocket receive does).</param>
    public async Task<JsonElement> ReceiveAsync(TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? Patience);
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        while (true)
        {
            var result = await _socket.ReceiveAsync(chunk, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) throw new WebSocketException("the server closed the socket");
            buffer.Write(chunk, 0, result.Count);
            if (result.EndOfMessage) return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
        }
    }

    /// <summary>Drops the connection without a closing handshake, as a network failure would.</summary>
    public void Kill() => _socket.Abort();

    public static string Text(JsonElement frame, string path)
    {
        var value = frame;
        foreach (var name in path.Split('.')) value = value.GetProperty(name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    /// <summary>The events of an INIT_EVENT or NEXT_EVENT as <c>ID:dataType/queueType/docId</c>.</summary>
    public static string Events(JsonElement frame) => string.Join(" ", frame.GetProperty("msgData").GetProperty("events").EnumerateArray()
        .Select(e => $"{e.GetProperty("ID")}:{e.GetProperty("DataType")}/{e.GetProperty("QueueType")}/{e.GetProperty("DocID")}"));

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token); }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        }
        _socket.Dispose();
    }
}
