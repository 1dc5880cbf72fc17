using System.Buffers;
using System.Net.WebSockets;

namespace ActorCloud.Api.Watch;

/// <summary>
/// The I/O of one realtime socket: whole messages in (bounded in size), and one send loop draining the bounded
/// <see cref="OutboundQueue"/>, so whoever produces a frame (a reply, or a watch pushing events) never waits on the
/// network. A client too slow to keep its queue from filling up is dropped rather than buffered for.
/// </summary>
public sealed class WatchSocket(WebSocket socket, ILogger log)
{
    public const int MaxMessageBytes = 1024 * 1024;

    private readonly OutboundQueue _outbound = new();
    private readonly CancellationTokenSource _aborted = new();
    private Task _sending = Task.CompletedTask;
    private (WebSocketCloseStatus Status, string Description)? _close;

    public bool Send(byte[] frame)
    {
        if (_outbound.TryEnqueue(frame)) return true;
        Abort("its outbound queue is full (the client stopped reading)");
        return false;
    }

    /// <summary>
    /// Drops the connection without a closing handshake, which a client that reads nothing could not complete. Runs
    /// on the pool because callers may hold a watch's lock, and aborting wakes this socket's loops.
    /// </summary>
    public void Abort(string reason)
    {
        if (_aborted.IsCancellationRequested) return;
        log.LogInformation("Dropping a realtime socket: {Reason}", reason);
        ThreadPool.QueueUserWorkItem(_ =>
        {
            _aborted.Cancel();
            socket.Abort();
        });
    }

    /// <summary>The next whole message, or null once the client has closed or the socket is gone.</summary>
    public async Task<ReadOnlyMemory<byte>?> ReceiveAsync(CancellationToken cancellation)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _aborted.Token);
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(4096), linked.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                // Echoed: the SDK reads the code of the answer as the reason, and reconnects on a 1000 it did not send.
                _close ??= (socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, socket.CloseStatusDescription ?? "");
                return null;
            }
            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxMessageBytes)
            {
                await CloseAsync(WebSocketCloseStatus.MessageTooBig, $"messages are limited to {MaxMessageBytes} bytes");
                return null;
            }
            if (result.EndOfMessage) return buffer.WrittenMemory;
        }
    }

    /// <summary>Starts the one loop that writes to the socket: queued frames, then the closing handshake.</summary>
    public void StartSending() => _sending = SendLoopAsync();

    /// <summary>Lets the queued frames go out, then closes (or answers the client's close) with <paramref name="status"/>.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string description)
    {
        _close ??= (status, description);
        _outbound.Complete();
        try
        {
            await _sending.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            socket.Abort();
        }
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var frame in _outbound.ReadAllAsync(_aborted.Token))
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, _aborted.Token);
            if (_close is { } close && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(close.Status, close.Description, _aborted.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The socket went away; the reader notices too and ends the connection.
        }
    }
}
