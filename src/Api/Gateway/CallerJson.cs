using System.Text.Json;
using System.Text.Json.Serialization;
using ActorCloud.Actors.Callers;

namespace ActorCloud.Api.Gateway;

/// <summary>Who did something, as admin answers show it: <c>{kind, keyId | function+invocation | uid+openid}</c>.</summary>
public static class CallerJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Write(Utf8JsonWriter writer, Caller caller) => JsonSerializer.Serialize(writer, caller, Options);
}
