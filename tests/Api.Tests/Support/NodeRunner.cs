using System.Diagnostics;
using System.Text;

namespace ActorCloud.Api.Tests.Support;

/// <summary>Runs one of the node test-runner files under <c>tests/node</c> against a running host.</summary>
public static class NodeRunner
{
    public static async Task<(int ExitCode, string Output)> RunTestFileAsync(string file, TestHost host, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.Of("tests", "node"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--test", "--test-reporter=spec", "--test-concurrency=1", file }) start.ArgumentList.Add(arg);
        start.Environment["ACTORCLOUD_URL"] = host.BaseAddress.ToString().TrimEnd('/');
        start.Environment["ACTORCLOUD_KEY"] = TestHost.AdminKey;
        start.Environment["ACTORCLOUD_ENV"] = TestHost.Env;

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
