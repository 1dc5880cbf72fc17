using System.Text.Json;
using ActorCloud.Actors.Functions;

namespace ActorCloud.Api.Functions;

/// <summary>Reads the bootstrap's answer frames (see <c>runtime/bootstrap.js</c>).</summary>
public static class RuntimeFrames
{
    public static RuntimeOutcome Outcome(JsonElement frame)
    {
        var logs = new List<LogLine>();
        if (frame.TryGetProperty("logs", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in entries.EnumerateArray())
                logs.Add(new LogLine(
                    entry.TryGetProperty("level", out var level) ? level.GetString() ?? "log" : "log",
                    entry.TryGetProperty("message", out var message) ? message.GetString() ?? "" : "",
                    entry.TryGetProperty("time", out var time) && time.TryGetInt64(out var ms) ? ms : 0));
        }
        return frame.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True
            ? new RuntimeOutcome(frame.GetProperty("result").GetString() ?? "null", null, logs)
            : new RuntimeOutcome(null, frame.TryGetProperty("error", out var error) ? ErrorText(error) : "the function failed", logs);
    }

    /// <summary>The error as CloudBase reports it: the message, then the stack when there is one.</summary>
    public static string ErrorText(JsonElement error)
    {
        var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
        return error.TryGetProperty("stack", out var s) && s.GetString() is { Length: > 0 } stack
            ? stack.Contains(message, StringComparison.Ordinal) ? stack : $"{message}\n{stack}"
            : message;
    }
}
