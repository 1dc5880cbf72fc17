using System.Diagnostics;

namespace ActorCloud.Bench.Functions;

/// <summary>
/// The naive alternative to warm processes: every call starts <c>node -e</c> with the event as an argument, which
/// computes the same <c>{sum: a + b}</c>, prints it and exits; the caller (C#, <c>Process.Start</c>) reads the output
/// and waits for the exit. No HTTP, no permission model, no sandbox user: the bare cost of a process per call.
/// The environment is cleared as the host clears its function processes' (<c>NodeLaunch</c>): inherited variables
/// such as <c>NODE_EXTRA_CA_CERTS</c> (a CA bundle parsed at every start) would otherwise slow node's start several-fold.
/// </summary>
public static class SpawnBaseline
{
    private const string Script = "const e = JSON.parse(process.argv[1]); process.stdout.write(JSON.stringify({ sum: e.a + e.b }))";

    public static async Task CallAsync(string node)
    {
        var start = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(ActionBodies.Event);
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        start.Environment["HOME"] = Path.GetTempPath();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {node}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || await output != """{"sum":3}""")
            throw new InvalidDataException($"node exited with {process.ExitCode}: {await output}{await errors}");
    }

    /// <summary>The node version (the one the host runs functions on), for the setup lines.</summary>
    public static string Version(string node)
    {
        using var process = Process.Start(new ProcessStartInfo(node, "--version") { RedirectStandardOutput = true })
                            ?? throw new InvalidOperationException($"could not start {node}");
        var version = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return version;
    }
}
