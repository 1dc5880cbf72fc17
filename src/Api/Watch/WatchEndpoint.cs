namespace ActorCloud.Api.Watch;

/// <summary>
/// Realtime watch wiring: the services, <c>auth.wsWebSign</c>'s signer, and <c>GET /watch</c>, the WebSocket the
/// tickets point at. WebSocket keep-alive pings find peers that vanished without closing (the SDK's own PING
/// stops while events flow, so the protocol alone cannot tell).
/// </summary>
public static class WatchEndpoint
{
    public const string Path = "/watch";

    public static IServiceCollection AddActorCloudWatch(this IServiceCollection services) => services
        .AddSingleton<WatchSigner>()
        .AddSingleton<WatchSignAction>()
        .AddSingleton<WatchSessions>();

    public static WebApplication MapWatch(this WebApplication app)
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15), KeepAliveTimeout = TimeSpan.FromSeconds(15) });
        app.MapGet(Path, AcceptAsync);
        return app;
    }

    private static async Task AcceptAsync(
        HttpContext http, WatchSessions sessions, WatchSigner signer, IHostApplicationLifetime lifetime, ILogger<WatchConnection> log)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync("realtime watch: connect with a WebSocket (the SDK's watch() does)", http.RequestAborted);
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        await new WatchConnection(new WatchSocket(socket, log), sessions, signer, log).RunAsync(lifetime.ApplicationStopping);
    }
}
