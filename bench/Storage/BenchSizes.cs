namespace ActorCloud.Bench.Storage;

/// <summary>
/// How many files each phase moves, and in rounds of how many: a phase alternates ActorCloud and direct rounds
/// (see <see cref="Alternation"/>), so more rounds spread both sides more evenly over the run and over pauses
/// (Azurite saving its metadata every few seconds, other processes) that slow whichever side runs at the time.
/// </summary>
public sealed record BenchSizes(
    string Mode, int SmallFiles, int SmallRound, int ConcurrentFiles, int ConcurrentRound, int LargeFiles, long MemoryFileBytes)
{
    public const long SmallFileBytes = 1L << 20;
    public const long LargeFileBytes = 100L << 20;
    public const int ConcurrentClients = 8;

    /// <summary>Concurrent rounds are a multiple of the client count, so no round ends with most clients idle.</summary>
    public static readonly BenchSizes Full = new(
        "full", SmallFiles: 100, SmallRound: 10, ConcurrentFiles: 128, ConcurrentRound: 16, LargeFiles: 3, MemoryFileBytes: 1L << 30);

    public static readonly BenchSizes Quick = new(
        "quick", SmallFiles: 20, SmallRound: 5, ConcurrentFiles: 32, ConcurrentRound: 16, LargeFiles: 1, MemoryFileBytes: 256L << 20);
}
