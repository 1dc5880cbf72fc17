using System.Diagnostics;
using System.Text;

namespace ActorCloud.Api.Tests.Support;

/// <summary>Runs node test-runner files: those under <c>tests/node</c> against a running host, or any other.</summary>
public static class NodeRunner
{
    public static Task<(int ExitCode, string Output)> RunTestFileAsync(string file, TestHost host, TimeSpan timeout) =>
        RunTestsAsync(RepoPaths.Of("tests", "node"), file, timeout, new Dictionary<string, string>
        {
            ["ACTORCLOUD_URL"] = host.BaseAddress.ToString().TrimEnd('/'),
            ["ACTORCLOUD_KEY"] = TestHost.AdminKey,
            ["ACTORCLOUD_ENV"] = TestHost.Env,
        });

    public static Task<(int ExitCode, string Output)> RunTestsAsync(
        string workingDirectory, string file, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null) =>
        RunAsync(workingDirectory, ["--test", "--test-reporter=spec", "--test-concurrency=1", file], timeout, environment);

    /// <summary>Runs a node program (not a test file) and collects its output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string workingDirectory, IReadOnlyList<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in arguments) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            output.AppendLine($"[killed after {timeout}]");
        }
        await Task.WhenAll(stdout, stderr);
        return (process.ExitCode, output.ToString());
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (into) into.AppendLine(line);
        }
    }
}
