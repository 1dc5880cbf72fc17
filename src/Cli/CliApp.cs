using System.CommandLine;
using System.CommandLine.Invocation;
using ActorCloud.Cli.Commands;

namespace ActorCloud.Cli;

/// <summary>
/// The <c>actorcloud</c> command line: parses with System.CommandLine, runs the command, and turns failures into a
/// one-line message on stderr and an exit code — 0 done, 1 refused or failed, 2 bad usage. Output goes to the writers
/// given, so tests run it in-process and read what it printed.
/// </summary>
public static class CliApp
{
    /// <summary>Long enough for the largest upload and for a function's longest run (60 s) plus the server's margin.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(5);

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, stdout, stderr, Environment.GetEnvironmentVariable, CancellationToken.None);

    /// <param name="environment">Reads ACTORCLOUD_URL and friends; tests pass their own so the machine's cannot leak in.</param>
    public static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken cancellation)
    {
        using var http = new HttpClient { Timeout = RequestTimeout };
        // Live progress only when stderr really is this process's terminal; a captured writer or a pipe gets plain lines.
        var interactive = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        var connection = new ConnectionOptions(environment);
        var context = new CliContext(stdout, stderr, interactive, connection, http);
        var root = new RootCommand("ActorCloud's command-line client: deploy and manage cloud functions, permissions, sign-in keys, indexes, history and its replay")
        {
            DeployCommand.Create(context), FunctionsCommand.Create(context), InvokeCommand.Create(context),
            PermissionsCommand.Create(context), LoginKeysCommand.Create(context), LoginKeysCommand.Tokens(context),
            HistoryCommand.History(context), HistoryCommand.Restore(context), IndexesCommand.Create(context),
            ReplayCommand.Replay(context), ReplayCommand.Stats(context),
        };
        connection.AddTo(root);

        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var error in parsed.Errors) await stderr.WriteLineAsync($"error: {error.Message}");
            await stderr.WriteLineAsync("run 'actorcloud --help' for usage");
            return CliError.UsageExitCode;
        }
        try
        {
            return await parsed.InvokeAsync(
                new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellation);
        }
        catch (CliError e)
        {
            await stderr.WriteLineAsync(e.Render());
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C (System.CommandLine cancels the action's token) or the caller's token; 130 is the shells' code for SIGINT.
            await stderr.WriteLineAsync("error: cancelled");
            return CliError.CancelledExitCode;
        }
    }
}
