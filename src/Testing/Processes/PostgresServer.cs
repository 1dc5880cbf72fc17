using System.Diagnostics;
using ActorCloud.Persistence;
using Npgsql;

namespace ActorCloud.Testing.Processes;

/// <summary>
/// A private PostgreSQL for one test: Debian's <c>postgresql</c> binaries (installed by <c>test.sh</c>), <c>initdb</c>
/// into a temporary folder and <c>pg_ctl</c> on a free loopback port, trust authentication for the
/// <see cref="User"/>; stopped and deleted on dispose. PostgreSQL refuses to run as root, so under root the server runs
/// as the package's <c>postgres</c> user. Its connection strings pool connections, as a deployment's do: the cluster
/// tests restart the server under load with the nodes' pools full of connections it broke.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string User = "actorcloud";

    private readonly string _directory;
    private readonly string _binaries;

    private PostgresServer(string directory, string binaries, int port)
    {
        _directory = directory;
        _binaries = binaries;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username={User};Database={database}";

    public static async Task<PostgresServer> StartAsync()
    {
        var binaries = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.Parse(Path.GetFileName(d)))
            .Select(d => Path.Combine(d, "bin")).First(d => File.Exists(Path.Combine(d, "initdb")));
        var directory = Directory.CreateTempSubdirectory("actorcloud-pg-").FullName;
        var server = new PostgresServer(directory, binaries, LoopbackPort.Free());
        if (Environment.UserName == "root") await RunAsync("chown", ["-R", "postgres", directory]);
        await server.AsServerUserAsync("initdb", ["-D", server.Data, "-A", "trust", "-U", User, "-E", "UTF8", "--no-sync"]);
        await server.RestartAsync();
        return server;
    }

    private string Data => Path.Combine(_directory, "data");

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Stops the server as a crash would (no shutdown checkpoint); <see cref="RestartAsync"/> brings it back.</summary>
    public Task StopAsync() => AsServerUserAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);

    public Task RestartAsync() => AsServerUserAsync("pg_ctl", ["-D", Data, "-l", Path.Combine(_directory, "log"), "-w", "-o",
        $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1", "start"]);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private Task AsServerUserAsync(string tool, string[] arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_binaries, tool), .. arguments])
            : RunAsync(Path.Combine(_binaries, tool), arguments);

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
    }

}
