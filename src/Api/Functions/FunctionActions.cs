using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Functions;
using ActorCloud.Api.Gateway;
using ActorCloud.Api.Hosting;
using ActorCloud.Documents;
using Microsoft.Extensions.Options;
using static ActorCloud.Actors.Functions.FunctionCommands;
using static ActorCloud.Actors.Functions.FunctionReplies;

namespace ActorCloud.Api.Functions;

/// <summary>
/// <c>functions.invokeFunction</c>, CloudBase's call: the event (<c>request_data</c>, a JSON string) with
/// <c>userInfo</c> added as CloudBase adds it, run by a new invocation of the function's current version; the result
/// comes back as <c>response_data</c> (JSON text) or as <c>FUNCTIONS_EXECUTE_FAIL</c> with the function's error.
/// </summary>
public sealed partial class FunctionActions(FunctionClient functions, InvocationLog log, IOptions<ActorCloudOptions> options)
{
    /// <summary>Room above the longest deadline (60 s) for the entity to answer with the timeout itself.</summary>
    private static readonly TimeSpan InvokeAskTimeout = TimeSpan.FromSeconds(75);

    /// <summary>SCF's function names: a letter first, then letters, digits, <c>-</c> and <c>_</c>, at most 60.</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,59}$")]
    public static partial Regex NamePattern();

    public static string EntityId(string env, string name) => NamePattern().IsMatch(name)
        ? $"{env}/{name}"
        : throw new GatewayError(ErrorCodes.InvalidParam, "FunctionName must start with a letter and hold 1-60 letters, digits, '-' or '_'");

    public async Task<GatewayReply> InvokeAsync(ActionContext context)
    {
        var name = context.Request.OptionalString("function_name");
        if (string.IsNullOrEmpty(name) || !NamePattern().IsMatch(name))
            throw new GatewayError(FunctionErrors.ExecuteFail, FunctionActor.UnknownFunctionMessage);
        var identity = CallerIdentity.From(context);
        var invocation = new FunctionInvocation(
            Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            EventJson(context.Request.OptionalString("request_data"), identity, options.Value.WeChat.AppId),
            context.Caller, identity?.OpenId, identity?.AppId ?? NullIfEmpty(options.Value.WeChat.AppId), identity?.Source ?? "scf");
        var invoked = await functions.AskAsync<Invoked>(
            new InvokeFunction($"{context.Env}/{name}", invocation), context.Cancellation, InvokeAskTimeout);
        log.Record(context.Env, name, context.Caller, invoked);
        if (!invoked.Succeeded) throw new GatewayError(FunctionErrors.ExecuteFail, invoked.ErrorMessage!);
        return new GatewayReply(w => w.WriteString("response_data", invoked.ResultJson));
    }

    /// <summary>
    /// The event the function receives: the caller's data, plus <c>userInfo</c> — <c>{appId, openId}</c> for a user,
    /// <c>{appId}</c> for server-side callers (CloudBase's documented shape).
    /// </summary>
    private static string EventJson(string? requestData, CallerIdentity? identity, string appId)
    {
        JsonNode? data;
        try
        {
            data = string.IsNullOrEmpty(requestData) ? new JsonObject() : JsonNode.Parse(requestData);
        }
        catch (JsonException)
        {
            throw new GatewayError(ErrorCodes.InvalidParam, "request_data must be a JSON string");
        }
        if (data is not JsonObject payload) return data?.ToJsonString() ?? "null";
        var userInfo = new JsonObject { ["appId"] = identity?.AppId ?? appId };
        if (identity?.OpenId is { } openId) userInfo["openId"] = openId;
        payload["userInfo"] = userInfo;
        return payload.ToJsonString();
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

/// <summary>
/// The end user a call is made for. Until user tokens exist, an admin may name one in the admin-only header
/// <c>X-ActorCloud-Caller: {"openid": "…", "appid": "…"}</c> (tests use it to see <c>getWXContext()</c> at work).
/// </summary>
public sealed record CallerIdentity(string? OpenId, string? AppId, string Source)
{
    public const string Header = "X-ActorCloud-Caller";

    public static CallerIdentity? From(ActionContext context)
    {
        if (context.Caller.Kind != Caller.AdminKind || context.Headers[Header].ToString() is not { Length: > 0 } header) return null;
        try
        {
            using var json = JsonDocument.Parse(header);
            var root = json.RootElement;
            return new CallerIdentity(
                root.TryGetProperty("openid", out var openId) ? openId.GetString() : null,
                root.TryGetProperty("appid", out var appId) ? appId.GetString() : null,
                "wx_client");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new GatewayError(ErrorCodes.InvalidParam, $"{Header} must be a JSON object with openid and appid strings");
        }
    }
}
