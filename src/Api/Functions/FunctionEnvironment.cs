using System.Text.Json;
using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Functions;
using ActorCloud.Actors.Users;
using ActorCloud.Api.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ActorCloud.Api.Functions;

/// <summary>
/// What a function's process sees (protocol notes §3.10): its own variables, then the CloudBase context —
/// <c>TCB_CONTEXT_CNFG</c> pointing every SDK call at this gateway, the environment, credentials scoped to it — and,
/// per call, the caller's <c>WX_*</c>/<c>TCB_*</c> identity. Nothing of the host's own environment leaks in.
/// </summary>
public sealed class FunctionEnvironment(IServer server, FunctionCredentials credentials, IOptions<ActorCloudOptions> options)
{
    private const string ContextKeys = "TCB_ENV,TCB_SEQID,TCB_SOURCE,TCB_SESSIONTOKEN,TCB_UUID,TCB_CUSTOM_USER_ID,TCB_ISANONYMOUS_USER,TCB_SOURCE_IP,TCB_ROUTE_KEY";
    private const string WxContextKeys = "WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_API_TOKEN";

    private readonly Lazy<string> _runtimeDirectory = new(() => options.Value.Functions.RuntimeDirectory ?? FindRuntimeDirectory());

    /// <summary>The repository's <c>runtime/</c> (bootstrap and shared modules), or <c>Functions:RuntimeDirectory</c>.</summary>
    public string RuntimeDirectory => _runtimeDirectory.Value;

    /// <summary>The node binary for a runtime name (<c>Functions:NodePath</c>; every Node runtime maps to it for now).</summary>
    public string NodePathFor(string runtime) => options.Value.Functions.NodePath;

    public IReadOnlyDictionary<string, string> ProcessVariables(string env, string name, FunctionVersion version)
    {
        var (secretId, secretKey) = credentials.For(env, name, version.Version);
        var variables = new Dictionary<string, string>(version.Variables, StringComparer.Ordinal)
        {
            ["TENCENTCLOUD_RUNENV"] = "SCF",
            ["SCF_NAMESPACE"] = env,
            ["SCF_FUNCTIONNAME"] = name,
            ["SCF_FUNCTIONVERSION"] = version.Version.ToString(),
            ["TCB_ENV"] = env,
            ["TCB_CONTEXT_CNFG"] = JsonSerializer.Serialize(new Dictionary<string, string> { ["URL"] = GatewayUrl() }),
            ["TCB_CONTEXT_KEYS"] = ContextKeys,
            ["WX_CONTEXT_KEYS"] = WxContextKeys,
            ["TENCENTCLOUD_SECRETID"] = secretId,
            ["TENCENTCLOUD_SECRETKEY"] = secretKey,
            ["TENCENTCLOUD_REGION"] = "ap-shanghai",
            ["CLOUDBASE_APIKEY"] = $"{secretId}:{secretKey}",
        };
        return variables;
    }

    public IEnumerable<KeyValuePair<string, string>> InvocationVariables(string env, FunctionInvocation invocation)
    {
        yield return new("TCB_SEQID", invocation.RequestId);
        yield return new("TCB_SOURCE", invocation.Source);
        if (invocation.SessionToken is { } session) yield return new("TCB_SESSIONTOKEN", session);
        if (invocation.OpenId is not null) yield return new("WX_OPENID", invocation.OpenId);
        if (invocation.AppId is not null) yield return new("WX_APPID", invocation.AppId);
        if (invocation.Caller.Kind != Caller.UserKind) yield break;
        yield return new("TCB_UUID", invocation.Caller.Uid!);
        if (invocation.LoginType is { } loginType) yield return new("LOGINTYPE", loginType);
        if (invocation.CustomUserId is { } custom) yield return new("TCB_CUSTOM_USER_ID", custom);
        if (invocation.LoginType == UserMessages.Anonymous) yield return new("TCB_ISANONYMOUS_USER", "true");
    }

    private string GatewayUrl()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                      ?? throw new InvalidOperationException("the host is not listening yet");
        return new Uri(new Uri(address), "/admin").ToString();
    }

    private static string FindRuntimeDirectory()
    {
        foreach (var origin in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                var bootstrap = Path.Combine(dir.FullName, "runtime", "bootstrap.js");
                if (File.Exists(bootstrap)) return Path.GetDirectoryName(bootstrap)!;
            }
        }
        throw new InvalidOperationException(
            "runtime/bootstrap.js was not found above the binaries or the working directory; set ActorCloud:Functions:RuntimeDirectory");
    }
}
