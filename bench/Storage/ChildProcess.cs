using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ActorCloud.Bench.Storage;

/// <summary>
/// What Azurite and the host have in common as child processes: output drained line by line into a log file
/// (a full pipe would stall them), a free loopback port, and stopping with SIGTERM.
/// </summary>
public static class ChildProcess
{
    /// <summary>Starts the process with both outputs appended to <paramref name="logPath"/>; each line is also handed to <paramref name="onLine"/>.</summary>
    public static Process Start(ProcessStartInfo start, string logPath, Action<string>? onLine = null)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var openStreams = 2;
        void Write(string? line)
        {
            lock (log)
            {
                // A null line is the end of one of the two outputs; the log closes after the second.
                if (line is null)
                {
                    if (--openStreams == 0) log.Dispose();
                    return;
                }
                log.WriteLine(line);
            }
            onLine?.Invoke(line);
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Sends SIGTERM (through <c>kill</c>, as <c>AzuriteServer</c> does: .NET's <c>Process.Kill</c> only sends
    /// SIGKILL) and waits up to <paramref name="wait"/>. Returns whether the process has exited.
    /// </summary>
    public static async Task<bool> TerminateAsync(Process process, TimeSpan wait)
    {
        if (process.HasExited) return true;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }


    public static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The last lines of a log, for an error message when a child did not come up.</summary>
    public static string Tail(string logPath, int lines = 20) =>
        File.Exists(logPath) ? string.Join(Environment.NewLine, File.ReadLines(logPath).TakeLast(lines)) : "(no log)";
}
