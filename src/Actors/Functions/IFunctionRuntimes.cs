namespace ActorCloud.Actors.Functions;

/// <summary>
/// The port through which an invocation runs code: the host wires warm Node.js processes (or a C# function)
/// behind it. Cancelling the token abandons the call, and the runtime instance that ran it is not reused.
/// </summary>
public interface IFunctionRuntimes
{
    Task<RuntimeOutcome> InvokeAsync(string env, string name, FunctionVersion version, FunctionInvocation invocation, CancellationToken cancellation);
}

/// <summary>What a runtime instance answered: the result's JSON text or an error message, and the log lines.</summary>
public sealed record RuntimeOutcome(string? ResultJson, string? ErrorMessage, IReadOnlyList<LogLine> Logs);
