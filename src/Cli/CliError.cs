namespace ActorCloud.Cli;

/// <summary>
/// A failure the command reports to the user and turns into its exit code: 2 for bad usage (as shells and
/// System.CommandLine's own parse errors mean it), 1 for everything else. <see cref="Code"/> is the server's error code
/// when the server refused, so scripts can grep stderr for it.
/// </summary>
internal sealed class CliError(string? code, string message, int exitCode) : Exception(message)
{
    public const int FailureExitCode = 1;
    public const int UsageExitCode = 2;
    public const int CancelledExitCode = 130;

    public string? Code { get; } = code;

    public int ExitCode { get; } = exitCode;

    public static CliError Usage(string message) => new(null, message, UsageExitCode);

    public static CliError Failure(string message) => new(null, message, FailureExitCode);

    public static CliError Server(string code, string message) => new(code, message, FailureExitCode);

    /// <summary>The line written to stderr: <c>error CODE: message</c>, or <c>error: message</c> without a code.</summary>
    public string Render() => Code is null ? $"error: {Message}" : $"error {Code}: {Message}";
}
