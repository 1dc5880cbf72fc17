namespace ActorCloud.Actors.Functions;

/// <summary>A function entity's (or invocation's) answer.</summary>
public interface IFunctionReply;

public static class FunctionReplies
{
    /// <summary>A refusal with CloudBase's code; nothing changed.</summary>
    public sealed record FunctionFailed(string Code, string Message) : IFunctionReply;

    /// <summary>The function now: null <paramref name="Current"/> when it does not exist; all deployed versions newest first.</summary>
    public sealed record FunctionView(string Name, FunctionVersion? Current, IReadOnlyList<FunctionVersion> Versions) : IFunctionReply;

    /// <summary>
    /// The outcome of one call: the result as JSON text, or an error message (CloudBase's
    /// <c>FUNCTIONS_EXECUTE_FAIL</c> text); the captured log lines and the duration either way.
    /// </summary>
    public sealed record Invoked(
        string RequestId,
        int Version,
        string? ResultJson,
        string? ErrorMessage,
        IReadOnlyList<LogLine> Logs,
        double DurationMs) : IFunctionReply
    {
        public bool Succeeded => ErrorMessage is null;
    }
}

/// <summary>One line a function wrote (console or stdout/stderr) during a call.</summary>
public sealed record LogLine(string Level, string Message, long TimeMs);
