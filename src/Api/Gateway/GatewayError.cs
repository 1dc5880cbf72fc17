namespace ActorCloud.Api.Gateway;

/// <summary>A refusal answered as CloudBase's error envelope <c>{code, message, requestId}</c> (HTTP 200).</summary>
public sealed class GatewayError(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
