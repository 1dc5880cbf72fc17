using ActorCloud.Api.Gateway;

namespace ActorCloud.Api.Watch;

/// <summary>
/// <c>auth.wsWebSign</c>: the ticket and address the SDK logs a realtime socket in with (protocol notes §3.9). The
/// address is this host as the client reached it, so watches work behind whatever name the SDK was given.
/// </summary>
public sealed class WatchSignAction(WatchSigner signer)
{
    /// <summary>Any number; the SDK only passes it back in LOGIN.</summary>
    private const int SecretVersion = 1;

    public Task<GatewayReply> SignAsync(ActionContext context)
    {
        var expires = DateTimeOffset.UtcNow.Add(WatchTicket.Lifetime).ToUnixTimeSeconds();
        var signStr = new WatchTicket(context.Env, expires, context.User).Issue(signer);
        var wsUrl = WebSocketUrl(context.Origin);
        return Task.FromResult(new GatewayReply(w =>
        {
            w.WriteString("signStr", signStr);
            w.WriteString("wsUrl", wsUrl);
            w.WriteNumber("secretVersion", SecretVersion);
            w.WriteString("envId", context.Env);
        }));
    }

    public static string WebSocketUrl(string origin)
    {
        var builder = new UriBuilder(origin) { Path = WatchEndpoint.Path };
        builder.Scheme = builder.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return builder.Uri.ToString();
    }
}
