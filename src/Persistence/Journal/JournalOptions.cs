namespace ActorCloud.Persistence.Journal;

/// <summary>Where the event journal and snapshots live.</summary>
public sealed record JournalOptions(JournalProvider Provider, string ConnectionString)
{
    /// <summary>The embedded default: one SQLite file in the data directory.</summary>
    public static JournalOptions Sqlite(string dataDirectory) =>
        new(JournalProvider.Sqlite, $"Data Source={Path.Combine(Path.GetFullPath(dataDirectory), "journal.db")}");
}

public enum JournalProvider
{
    Sqlite,
    PostgreSql,
}
