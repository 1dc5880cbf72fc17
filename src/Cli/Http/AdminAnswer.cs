using System.Text.Json;

namespace ActorCloud.Cli.Http;

/// <summary>
/// One <c>/admin</c> envelope: <c>{requestId, data}</c> on success, <c>{code, message, requestId}</c> on refusal. Kept
/// as a value (not thrown at once) because deploy branches on one refusal: <c>ResourceInUse.Function</c>.
/// </summary>
internal sealed record AdminAnswer(JsonElement Data, string? Code, string? Message)
{
    public bool Succeeded => Code is null;

    /// <summary>The data of a success; a refusal becomes the <see cref="CliError"/> the user sees.</summary>
    public JsonElement Require() => Code is null ? Data : throw CliError.Server(Code, Message ?? "(no message)");

    public static AdminAnswer Parse(JsonElement envelope)
    {
        if (envelope.ValueKind != JsonValueKind.Object) throw NotAnEnvelope();
        if (envelope.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString() is { Length: > 0 } text)
        {
            var message = envelope.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return new AdminAnswer(default, text, message);
        }
        // Actions without a result (delete) answer no data at all; an empty object reads the same to callers.
        var data = envelope.TryGetProperty("data", out var d) ? d.Clone() : JsonDocument.Parse("{}").RootElement.Clone();
        return new AdminAnswer(data, null, null);
    }

    public static CliError NotAnEnvelope() =>
        CliError.Failure("the server's answer is not an ActorCloud/CloudBase envelope; is --url the server's base URL?");
}
