namespace ActorCloud.Cli.Tests.Support;

/// <summary>What one run of the CLI printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";
}

/// <summary>
/// Runs the CLI's entry point in-process with captured output and a made-up environment, so the machine's own
/// <c>ACTORCLOUD_*</c> variables cannot change what a test sees.
/// </summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(string[] args, Dictionary<string, string>? environment = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var variables = environment ?? [];
        var exit = await CliApp.RunAsync(args, stdout, stderr, name => variables.GetValueOrDefault(name), CancellationToken.None);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }
}
