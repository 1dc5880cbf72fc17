using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;

namespace ActorCloud.Bench.History;

/// <summary>The server has no realtime endpoint (the upgrade was answered 404) or no <c>auth.wsWebSign</c>.</summary>
public sealed class WatchUnavailableException(string message) : Exception(message);

/// <summary>
/// One watcher: its own WebSocket, LOGIN with a <c>signStr</c> of its own, one INIT_WATCH, then every NEXT_EVENT
/// recorded in the <see cref="DeliveryLog"/> as it arrives. Event ids must run on without a gap (several events may
/// share one id). No PING or CHECK_LAST: the phase keeps events flowing, well inside the SDK's 10 s idle interval.
/// </summary>
public sealed class WatchConnection : IAsyncDisposable
{
    private static readonly TimeSpan LoginTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly ClientWebSocket _socket;
    private readonly int _index;
    private readonly DeliveryLog _log;
    private readonly string _watchId = WatchMessages.NewWatchId();
    private readonly ArrayBufferWriter<byte> _frame = new(4096);
    private Task _receiving = Task.CompletedTask;
    private long _eventId;

    private WatchConnection(ClientWebSocket socket, int index, DeliveryLog log)
    {
        _socket = socket;
        _index = index;
        _log = log;
    }

    /// <summary>Connects, logs in and starts watching <paramref name="collection"/>; throws <see cref="WatchUnavailableException"/> on a 404.</summary>
    public static async Task<WatchConnection> OpenAsync(Uri url, WsSign sign, string envId, string collection, int index, DeliveryLog log)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(url, CancellationToken.None);
        }
        catch (WebSocketException) when (socket.HttpStatusCode == HttpStatusCode.NotFound)
        {
            socket.Dispose();
            throw new WatchUnavailableException($"the WebSocket upgrade at {url} was answered HTTP 404");
        }
        var connection = new WatchConnection(socket, index, log);
        try
        {
            (await connection.RequestAsync(WatchMessages.Login, sign, "LOGIN_RES", LoginTimeout)).Dispose();
            using var init = await connection.RequestAsync(
                (id, _) => WatchMessages.InitWatch(connection._watchId, id, envId, collection), sign, "INIT_EVENT", InitTimeout);
            var data = init.RootElement.GetProperty("msgData");
            connection._eventId = data.GetProperty("currEvent").GetInt64();
            if (data.GetProperty("events").GetArrayLength() != 0) throw new InvalidDataException("the watched collection was expected to be empty");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        connection._receiving = Task.Run(connection.ReceiveLoopAsync);
        return connection;
    }

    /// <summary>Sends CLOSE_WATCH (no reply awaited, as the SDK) and closes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _socket.SendAsync(WatchMessages.CloseWatch(_watchId), WebSocketMessageType.Text, true, CancellationToken.None);
            using var timeout = new CancellationTokenSource(CloseTimeout);
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            await _receiving.WaitAsync(CloseTimeout);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException)
        {
            _log.UncleanClose($"watcher {_index}: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            _socket.Dispose();
        }
    }

    /// <summary>Sends a request frame and waits for the reply of <paramref name="replyType"/> with the same requestId.</summary>
    private async Task<JsonDocument> RequestAsync(Func<string, WsSign, byte[]> frame, WsSign sign, string replyType, TimeSpan timeout)
    {
        var requestId = WatchMessages.NewRequestId();
        await _socket.SendAsync(frame(requestId, sign), WebSocketMessageType.Text, true, CancellationToken.None);
        var reply = ReceiveReplyAsync(requestId, replyType);
        if (await Task.WhenAny(reply, Task.Delay(timeout)) != reply)
        {
            _socket.Abort();
            throw new TimeoutException($"no {replyType} within {timeout.TotalSeconds:0} s");
        }
        return await reply;
    }

    private async Task<JsonDocument> ReceiveReplyAsync(string requestId, string replyType)
    {
        while (await ReceiveAsync() is { } message)
        {
            var root = message.RootElement;
            var type = root.GetProperty("msgType").GetString();
            var data = root.TryGetProperty("msgData", out var d) ? d : default;
            if (type == "ERROR" || (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("code", out var code) && code.GetString() is { Length: > 0 }))
                throw new InvalidDataException($"{type}: {data}");
            if (type == replyType && root.GetProperty("requestId").GetString() == requestId) return message;
            message.Dispose();
        }
        throw new InvalidDataException($"the socket closed before {replyType}");
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (await ReceiveAsync() is { } message)
                using (message)
                    Handle(message.RootElement);
        }
        catch (Exception e)
        {
            // Nothing awaits this loop but the close: whatever stopped it must reach the report, or the watcher's
            // missing deliveries would be the only trace.
            _log.Fail($"watcher {_index}: {e.GetType().Name}: {e.Message}");
        }
    }

    private void Handle(JsonElement message)
    {
        switch (message.GetProperty("msgType").GetString())
        {
            case "NEXT_EVENT":
                foreach (var e in message.GetProperty("msgData").GetProperty("events").EnumerateArray())
                {
                    var id = e.GetProperty("ID").GetInt64();
                    if (id != _eventId && id != _eventId + 1) _log.Fail($"watcher {_index}: event id {id} after {_eventId}");
                    _eventId = id;
                    if (e.GetProperty("DataType").GetString() != "add" || e.GetProperty("QueueType").GetString() != "enqueue")
                        _log.Fail($"watcher {_index}: unexpected {e.GetProperty("DataType")}/{e.GetProperty("QueueType")} for an insert");
                    else _log.Arrived(_index, DocumentNumber(e.GetProperty("Doc").GetString()!));
                }
                break;
            case "ERROR":
                _log.Fail($"watcher {_index}: ERROR {message.GetProperty("msgData")}");
                break;
        }
    }

    /// <summary>The document's <c>n</c>: relaxed EJSON writes an int as a plain number; canonical form is accepted too.</summary>
    private static int DocumentNumber(string doc)
    {
        using var parsed = JsonDocument.Parse(doc);
        var n = parsed.RootElement.GetProperty("n");
        return n.ValueKind == JsonValueKind.Number ? n.GetInt32() : int.Parse(n.GetProperty("$numberInt").GetString()!);
    }

    /// <summary>
    /// The next whole message (frames joined), or null once the server closes. The document reads the frame buffer in
    /// place, so it must be done with before the next call.
    /// </summary>
    private async Task<JsonDocument?> ReceiveAsync()
    {
        _frame.ResetWrittenCount();
        while (true)
        {
            var result = await _socket.ReceiveAsync(_frame.GetMemory(4096), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            _frame.Advance(result.Count);
            if (result.EndOfMessage) return JsonDocument.Parse(_frame.WrittenMemory);
        }
    }
}
