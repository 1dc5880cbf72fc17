using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace ActorCloud.Api.Watch;

/// <summary>
/// The realtime protocol on one socket (protocol notes §3.9): one reader loop handles the client's frames in order —
/// LOGIN (a ticket from <c>auth.wsWebSign</c>, per environment), INIT_WATCH, REBUILD_WATCH, CHECK_LAST, PING and
/// CLOSE_WATCH — over any number of watches up to <see cref="MaxWatches"/>. A refusal is an ERROR frame answering the
/// request (with its watch's id, so the client ends that watch). When the socket goes, its watches are parked for
/// the client's resume.
/// </summary>
public sealed class WatchConnection(WatchSocket socket, WatchSessions sessions, WatchSigner signer, ILogger log) : IWatchClient
{
    public const int MaxWatches = 100;

    /// <summary>How long a socket may stay open without logging in.</summary>
    public static readonly TimeSpan LoginTimeout = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, WatchPrincipal> _logins = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WatchSession> _watches = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken stopping)
    {
        using var loginDeadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        loginDeadline.CancelAfter(LoginTimeout);
        socket.StartSending();
        var status = WebSocketCloseStatus.NormalClosure;
        try
        {
            while (await socket.ReceiveAsync(_logins.Count == 0 ? loginDeadline.Token : stopping) is { } frame)
            {
                if (ClientMessage.Parse(frame) is not { } message)
                {
                    status = WebSocketCloseStatus.InvalidPayloadData;
                    break;
                }
                await HandleAsync(message, stopping);
            }
        }
        catch (OperationCanceledException)
        {
            status = stopping.IsCancellationRequested ? WebSocketCloseStatus.EndpointUnavailable : WebSocketCloseStatus.PolicyViolation;
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            // The client vanished without a closing handshake; its watches wait for it below.
        }
        finally
        {
            foreach (var session in _watches.Values) session.Park(this);
            await socket.CloseAsync(status, status switch
            {
                WebSocketCloseStatus.InvalidPayloadData => "frames must be JSON objects with a msgType",
                WebSocketCloseStatus.PolicyViolation => "no LOGIN in time",
                WebSocketCloseStatus.EndpointUnavailable => "the server is stopping",
                _ => "",
            });
        }
    }

    public bool Send(byte[] frame) => socket.Send(frame);

    public void Forget(string watchId, WatchSession session) =>
        _watches.TryRemove(new KeyValuePair<string, WatchSession>(watchId, session));

    private async Task HandleAsync(ClientMessage message, CancellationToken cancellation)
    {
        try
        {
            switch (message.MsgType)
            {
                case "PING":
                    Send(WatchFrames.Pong(message.RequestId));
                    break;
                case "LOGIN":
                    Login(message);
                    break;
                case "INIT_WATCH":
                    await InitAsync(message, cancellation);
                    break;
                case "REBUILD_WATCH":
                    Rebuild(message);
                    break;
                case "CHECK_LAST":
                    Owned(message).CheckLast(this, message.WatchId!, message.RequestId);
                    break;
                case "CLOSE_WATCH":
                    if (message.WatchId is { } watchId && _watches.TryRemove(watchId, out var closed)) closed.Close();
                    break;
                default:
                    log.LogDebug("Ignoring realtime message type {MsgType}", message.MsgType);
                    break;
            }
        }
        catch (WatchError e)
        {
            Send(WatchFrames.Error(ErrorWatchId(message), message.RequestId, e.Code, e.Message));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Realtime {MsgType} failed", message.MsgType);
            Send(WatchFrames.Error(ErrorWatchId(message), message.RequestId, WatchError.SysErr, "internal error; watch again"));
        }
    }

    /// <summary>
    /// The client hands any ERROR naming a watch to that watch's onError at once, even one it is about to retry (a
    /// CHECK_LOGIN_FAILED it answers by logging in again). A refused INIT_WATCH is answered by its requestId alone, so
    /// the client's own retry-or-fail handling decides what the listener hears; the other replies keep the watchId,
    /// without which the client would hand the error to whichever watch it lists first.
    /// </summary>
    private static string? ErrorWatchId(ClientMessage message) => message.MsgType == "INIT_WATCH" ? null : message.WatchId;

    private void Login(ClientMessage message)
    {
        var ticket = WatchTicket.Read(signer, message.ExtraText("signStr"), DateTimeOffset.UtcNow);
        if (message.DataText("envId") is { Length: > 0 } envId && envId != ticket.Env)
            throw new WatchError(WatchError.InvalidEnv, $"the ticket is for environment '{ticket.Env}', not '{envId}'");
        _logins[ticket.Env] = ticket.Principal;
        Send(WatchFrames.LoginRes(message.RequestId, ticket.Env));
    }

    private async Task InitAsync(ClientMessage message, CancellationToken cancellation)
    {
        var watchId = WatchIdOf(message);
        var principal = PrincipalFor(message);
        var query = WatchQuery.Parse(message.MsgData);
        if (_watches.TryRemove(watchId, out var retried)) retried.Close();
        if (_watches.Count >= MaxWatches)
            throw new WatchError(WatchError.SysErr, $"a connection may hold at most {MaxWatches} watches");
        var session = await sessions.OpenAsync(principal, query, cancellation);
        _watches[watchId] = session;
        session.Start(this, watchId, message.RequestId ?? WatchFrames.NewRequestId());
    }

    private void Rebuild(ClientMessage message)
    {
        var watchId = WatchIdOf(message);
        var principal = PrincipalFor(message);
        var eventId = message.DataNumber("eventID") ?? throw new WatchError(WatchError.SysErr, "REBUILD_WATCH needs msgData.eventID");
        if (message.DataText("queryID") is not { } queryId || sessions.Find(queryId) is not { } session || !session.Principal.SameCaller(principal))
            throw new WatchError(WatchError.QueryIdInvalid, "no such watch, or it expired while disconnected; start a new one");
        if (_watches.TryGetValue(watchId, out var other) && !ReferenceEquals(other, session)) other.Close();
        _watches[watchId] = session;
        session.Resume(this, watchId, message.RequestId ?? WatchFrames.NewRequestId(), eventId);
    }

    private WatchSession Owned(ClientMessage message) =>
        message.WatchId is { } watchId && _watches.TryGetValue(watchId, out var session) &&
        message.DataText("queryID") == session.QueryId && session.IsOwnedBy(this)
            ? session
            : throw new WatchError(WatchError.QueryIdInvalid, "no such watch on this connection");

    private static string WatchIdOf(ClientMessage message) =>
        message.WatchId ?? throw new WatchError(WatchError.SysErr, $"{message.MsgType} needs a watchId");

    /// <summary>The login of the message's environment (the only one, when it names none).</summary>
    private WatchPrincipal PrincipalFor(ClientMessage message)
    {
        var envId = message.DataText("envId");
        if (!string.IsNullOrEmpty(envId) && _logins.TryGetValue(envId, out var principal)) return principal;
        if (string.IsNullOrEmpty(envId) && _logins.Count == 1) return _logins.Values.First();
        throw new WatchError(envId is { Length: > 0 } ? WatchError.CheckLoginFailed : WatchError.InvalidEnv,
            "LOGIN to the environment before watching in it");
    }
}
