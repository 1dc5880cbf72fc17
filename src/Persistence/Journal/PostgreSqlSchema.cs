using Npgsql;

namespace ActorCloud.Persistence.Journal;

/// <summary>
/// Creates the PostgreSQL journal's tables from <c>PostgreSqlSchema.sql</c> (shipped in this assembly), in one
/// transaction under an advisory lock: nodes starting at once on an empty database take turns, and the later ones find
/// everything there. The plugin's own AutoInitialize is off on PostgreSQL — its create-if-missing checks race when
/// several nodes start together.
/// </summary>
public static class PostgreSqlSchema
{
    /// <summary>An arbitrary key of this schema's advisory lock, the same on every node.</summary>
    private const long LockKey = 0x4163746f72436c64;

    public static async Task CreateAsync(string connectionString, CancellationToken cancellation = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using (var locking = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            locking.Parameters.AddWithValue("key", LockKey);
            await locking.ExecuteNonQueryAsync(cancellation);
        }
        await using (var ddl = new NpgsqlCommand(Ddl(), connection, transaction))
            await ddl.ExecuteNonQueryAsync(cancellation);
        await transaction.CommitAsync(cancellation);
    }

    public static string Ddl()
    {
        using var stream = typeof(PostgreSqlSchema).Assembly.GetManifestResourceStream("ActorCloud.Persistence.Journal.PostgreSqlSchema.sql")
            ?? throw new InvalidOperationException("PostgreSqlSchema.sql is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
