using System.Text.Json;

namespace ActorCloud.Api.Watch;

/// <summary>One frame from the client: <c>{watchId?, requestId, msgType, msgData, exMsgData?}</c>.</summary>
public sealed record ClientMessage(string? WatchId, string? RequestId, string MsgType, JsonElement MsgData, JsonElement ExMsgData)
{
    /// <summary>The frame, or null when it is not a JSON object with a <c>msgType</c>.</summary>
    public static ClientMessage? Parse(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var json = JsonDocument.Parse(utf8);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "msgType") is not { } msgType) return null;
            return new ClientMessage(Text(root, "watchId"), Text(root, "requestId"), msgType,
                Member(root, "msgData"), Member(root, "exMsgData"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string? DataText(string name) => MsgData.ValueKind == JsonValueKind.Object ? Text(MsgData, name) : null;

    public long? DataNumber(string name) =>
        MsgData.ValueKind == JsonValueKind.Object && MsgData.TryGetProperty(name, out var value) &&
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    public string? ExtraText(string name) => ExMsgData.ValueKind == JsonValueKind.Object ? Text(ExMsgData, name) : null;

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement Member(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? value.Clone() : default;
}
