namespace ActorCloud.Persistence.Journal;

/// <summary>
/// Where the event journal and the snapshots live. On SQLite they get separate files by default: SQLite has one
/// writer per file, and a large snapshot row would otherwise hold up every journal write behind it.
/// </summary>
public sealed record JournalOptions(JournalProvider Provider, string ConnectionString, string? SnapshotConnectionString = null)
{
    public string SnapshotStore => SnapshotConnectionString ?? ConnectionString;

    /// <summary>The embedded default: <c>journal.db</c> and <c>snapshots.db</c> in the data directory.</summary>
    public static JournalOptions Sqlite(string dataDirectory)
    {
        var directory = Path.GetFullPath(dataDirectory);
        return new(JournalProvider.Sqlite,
            $"Data Source={Path.Combine(directory, "journal.db")}",
            $"Data Source={Path.Combine(directory, "snapshots.db")}");
    }
}

public enum JournalProvider
{
    Sqlite,
    PostgreSql,
}
