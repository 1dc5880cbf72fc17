using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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
public sealed partial class FunctionActions(
    FunctionClient functions, InvocationLog log, InvocationTokens sessions, IOptions<ActorCloudOptions> options)
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
        var user = context.User;
        var appId = user?.AppId ?? NullIfEmpty(options.Value.WeChat.AppId);
        var requestId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var invocation = new FunctionInvocation(
            requestId,
            EventJson(context.Request.OptionalString("request_data"), user?.WeChatOpenid, appId),
            context.Caller, user?.WeChatOpenid, appId, user is null ? "scf" : "wx_client", user?.LoginType, user?.CustomUserId,
            sessions.Issue(context.Env, name, requestId, context.Caller));
        var invoked = await functions.AskAsync<Invoked>(
            new InvokeFunction($"{context.Env}/{name}", invocation), context.Cancellation, InvokeAskTimeout);
        log.Record(context.Env, name, context.Caller, invoked);
        if (!invoked.Succeeded) throw new GatewayError(FunctionErrors.ExecuteFail, invoked.ErrorMessage!);
        return new GatewayReply(w =>
        {
            if (context.ParsedResult && invoked.ResultJson is { Length: > 0 } json)
            {
                w.WritePropertyName("response_data");
                w.WriteRawValue(json);
            }
            else w.WriteString("response_data", invoked.ResultJson);
        });
    }

    /// <summary>
    /// The event the function receives: the caller's data, plus <c>userInfo</c> — <c>{appId, openId}</c> for a WeChat
    /// user, <c>{appId}</c> for other users and server-side callers (CloudBase's documented shape).
    /// </summary>
    private static string EventJson(string? requestData, string? openId, string? appId)
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
        var userInfo = new JsonObject { ["appId"] = appId ?? "" };
        if (openId is not null) userInfo["openId"] = openId;
        payload["userInfo"] = userInfo;
        return payload.ToJsonString();
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
