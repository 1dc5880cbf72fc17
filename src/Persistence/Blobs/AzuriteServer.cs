using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace ActorCloud.Persistence.Blobs;

/// <summary>
/// The Azurite the host runs when no blob connection string is configured: started from the repository's
/// <c>azurite/start.sh</c> on a free loopback port with its files under <c>&lt;data&gt;/azurite</c> and an account key
/// of ours. A pid file lets a host restarted after <c>kill -9</c> reuse the Azurite it left (its blob metadata
/// is only saved every few seconds, so killing it too would risk acknowledged uploads); disposing stops it with
/// SIGTERM, never SIGKILL.
/// </summary>
public sealed class AzuriteServer : IDisposable
{
    public const string AccountName = "actorcloud";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _pidFile;
    private readonly int _pid;

    private AzuriteServer(string pidFile, int pid, int port, string key)
    {
        _pidFile = pidFile;
        _pid = pid;
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={key};BlobEndpoint=http://127.0.0.1:{port}/{AccountName};";
    }

    public string ConnectionString { get; }

    public int Pid => _pid;

    /// <summary>Reuses the Azurite a previous run of this data directory left running, or starts a new one.</summary>
    public static AzuriteServer StartOrReuse(string dataDirectory, string startScript)
    {
        var location = Path.GetFullPath(Path.Combine(dataDirectory, "azurite"));
        Directory.CreateDirectory(location);
        var key = AccountKey(location);
        var pidFile = Path.Combine(location, "azurite.pid");
        if (ReadPidFile(pidFile) is { } previous)
        {
            if (IsAlive(previous.Pid) && Answers(previous.Port))
                return new AzuriteServer(pidFile, previous.Pid, previous.Port, key);
            Terminate(previous.Pid);
        }

        var port = LoopbackPort.Free();
        // Output goes straight to a file, never through pipes of ours: Azurite must outlive a killed host (a write
        // to a dead pipe would kill it) and must not hold a test runner's output open.
        var start = new ProcessStartInfo("sh",
            ["-c", "exec sh \"$0\" \"$1\" \"$2\" --silent >>\"$3\" 2>&1", startScript, location, port.ToString(),
             Path.Combine(location, "azurite.log")])
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["AZURITE_ACCOUNTS"] = $"{AccountName}:{key}";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start Azurite");
        process.StandardInput.Close();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!Answers(port))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}; see {location}/azurite.log");
            if (DateTime.UtcNow > deadline)
            {
                Terminate(process.Id);
                throw new TimeoutException($"Azurite did not answer on port {port} within {StartTimeout.TotalSeconds} s");
            }
            Thread.Sleep(100);
        }
        File.WriteAllText(pidFile, JsonSerializer.Serialize(new PidFile(process.Id, port)));
        return new AzuriteServer(pidFile, process.Id, port, key);
    }

    /// <summary>Stops (SIGTERM) an Azurite that a killed host left running for this data directory, if any.</summary>
    public static void StopLeftover(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "azurite", "azurite.pid");
        if (ReadPidFile(pidFile) is not { } previous) return;
        Terminate(previous.Pid);
        File.Delete(pidFile);
    }

    /// <summary>The repository's start script, found by walking up from the binaries and the working directory.</summary>
    public static string FindStartScript()
    {
        foreach (var origin in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                var script = Path.Combine(dir.FullName, "azurite", "start.sh");
                if (File.Exists(script)) return script;
            }
        }
        throw new InvalidOperationException(
            "azurite/start.sh was not found above the binaries or the working directory; run ActorCloud from its repository or configure --blob-connection");
    }

    public void Dispose()
    {
        Terminate(_pid);
        try
        {
            File.Delete(_pidFile);
        }
        catch (DirectoryNotFoundException)
        {
            // The data directory is gone already; there is nothing to tidy.
        }
    }

    /// <summary>The account key, generated once per data directory and kept beside Azurite's files.</summary>
    private static string AccountKey(string location)
    {
        var path = Path.Combine(location, "account-key");
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        File.WriteAllText(path, key);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }

    private static void Terminate(int pid)
    {
        if (!IsAlive(pid)) return;
        using var process = Process.GetProcessById(pid);
        // SIGTERM lets Azurite save its metadata; Process.Kill would send SIGKILL.
        Process.Start("kill", ["-TERM", pid.ToString()])?.WaitForExit();
        if (!process.WaitForExit(TimeSpan.FromSeconds(10))) process.Kill();
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }


    private static PidFile? ReadPidFile(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<PidFile>(File.ReadAllText(path)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record PidFile(int Pid, int Port);
}
