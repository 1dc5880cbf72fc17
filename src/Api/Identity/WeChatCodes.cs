using System.Text.Json;
using ActorCloud.Api.Hosting;
using Microsoft.Extensions.Options;

namespace ActorCloud.Api.Identity;

/// <summary>Turns a mini program's <c>wx.login</c> code into the user's openid.</summary>
public interface IWeChatCodeResolver
{
    /// <returns>The openid, or null when WeChat does not accept the code.</returns>
    Task<string?> ResolveAsync(string appId, string code, CancellationToken cancellation);
}

/// <summary>
/// <c>WeChat:DevResolver</c>: the code is the openid (what a development harness's <c>wx.login</c> returns), else WeChat's
/// <c>jscode2session</c> with the configured app id and secret.
/// </summary>
public sealed class WeChatCodeResolver(HttpClient http, IOptions<ActorCloudOptions> options) : IWeChatCodeResolver
{
    public async Task<string?> ResolveAsync(string appId, string code, CancellationToken cancellation)
    {
        var weChat = options.Value.WeChat;
        if (weChat.DevResolver) return code.Length is > 0 and <= 64 ? code : null;
        if (weChat.AppSecret.Length == 0) return null;
        var url = "https://api.weixin.qq.com/sns/jscode2session?grant_type=authorization_code" +
                  $"&appid={Uri.EscapeDataString(appId)}&secret={Uri.EscapeDataString(weChat.AppSecret)}&js_code={Uri.EscapeDataString(code)}";
        using var response = await http.GetAsync(url, cancellation);
        if (!response.IsSuccessStatusCode) return null;
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellation));
        return json.RootElement.TryGetProperty("openid", out var openid) && openid.ValueKind == JsonValueKind.String ? openid.GetString() : null;
    }
}
