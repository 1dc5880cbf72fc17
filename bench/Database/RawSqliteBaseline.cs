using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ActorCloud.Bench.Database;

/// <summary>
/// The same documents' BSON inserted straight into SQLite with the journal's durability: WAL, synchronous=FULL,
/// every insert its own committed transaction, so every acknowledged insert survives power loss. SQLite admits
/// one writer at a time, so there are two ways an application could use it from 32 concurrent callers; both are
/// measured and the faster one is the baseline.
/// </summary>
public static class RawSqliteBaseline
{
    private const int WarmUpRows = 100;

    /// <summary>One connection and one prepared statement behind an async lock: callers queue in the process.</summary>
    public static async Task<PhaseResult> SharedConnectionAsync(string file, IReadOnlyList<string> ids, IReadOnlyList<byte[]> documents)
    {
        using var connection = Open(file, createTable: true);
        var insert = new PreparedInsert(connection);
        WarmUp(insert);
        using var gate = new SemaphoreSlim(1, 1);
        var result = await LoadRunner.RunAsync("raw SQLite, 1 connection + lock", ids.Count, async i =>
        {
            await gate.WaitAsync();
            try { insert.Execute(ids[i], documents[i]); }
            finally { gate.Release(); }
        });
        Verify(connection, ids.Count);
        return result;
    }

    /// <summary>A connection per caller: callers queue inside SQLite on its write lock (busy_timeout).</summary>
    public static async Task<PhaseResult> ConnectionPerClientAsync(string file, IReadOnlyList<string> ids, IReadOnlyList<byte[]> documents)
    {
        var connections = Enumerable.Range(0, LoadRunner.Clients).Select(i => Open(file, createTable: i == 0)).ToList();
        // Each caller blocks a thread inside SQLite; without a thread each, the pool (sized to the cores) would let
        // only a few callers contend at a time and the latencies would leave out the wait for a thread.
        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        ThreadPool.SetMinThreads(Math.Max(minWorkers, LoadRunner.Clients + Environment.ProcessorCount), minIo);
        try
        {
            var idle = new ConcurrentQueue<PreparedInsert>(connections.Select(c => new PreparedInsert(c)));
            idle.TryPeek(out var first);
            WarmUp(first!);
            var result = await LoadRunner.RunAsync($"raw SQLite, {LoadRunner.Clients} connections", ids.Count, i =>
            {
                idle.TryDequeue(out var insert);
                try { insert!.Execute(ids[i], documents[i]); }
                finally { idle.Enqueue(insert!); }
                return Task.CompletedTask;
            });
            Verify(connections[0], ids.Count);
            return result;
        }
        finally
        {
            ThreadPool.SetMinThreads(minWorkers, minIo);
            foreach (var connection in connections) connection.Dispose();
        }
    }

    private static SqliteConnection Open(string file, bool createTable)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;" +
            (createTable ? "CREATE TABLE IF NOT EXISTS docs (id TEXT PRIMARY KEY, body BLOB NOT NULL);" : "");
        command.ExecuteNonQuery();
        return connection;
    }

    private static void WarmUp(PreparedInsert insert)
    {
        for (var i = 0; i < WarmUpRows; i++) insert.Execute($"warm-up-{i}", [5, 0, 0, 0, 0]);
    }

    private static void Verify(SqliteConnection connection, int expected)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM docs";
        var rows = (long)command.ExecuteScalar()! - WarmUpRows;
        if (rows != expected) throw new InvalidOperationException($"raw SQLite holds {rows} rows, expected {expected}");
    }

    /// <summary>Autocommit: each execution is its own transaction, committed (and fsynced) before it returns.</summary>
    private sealed class PreparedInsert
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _id;
        private readonly SqliteParameter _body;

        public PreparedInsert(SqliteConnection connection)
        {
            _command = connection.CreateCommand();
            _command.CommandText = "INSERT INTO docs (id, body) VALUES ($id, $body)";
            _id = _command.Parameters.Add("$id", SqliteType.Text);
            _body = _command.Parameters.Add("$body", SqliteType.Blob);
        }

        public void Execute(string id, byte[] body)
        {
            _id.Value = id;
            _body.Value = body;
            _command.ExecuteNonQuery();
        }
    }
}
