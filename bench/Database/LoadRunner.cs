namespace ActorCloud.Bench.Database;

/// <summary>
/// The database phases' closed loop: 32 concurrent clients unless a phase measures the uncontended service time
/// with one (<see cref="ClosedLoop"/>).
/// </summary>
public static class LoadRunner
{
    public const int Clients = 32;

    public static async Task<PhaseResult> RunAsync(
        string name, int count, Func<int, Task> operation, int itemsPerOp = 1, int clients = Clients)
    {
        var m = await ClosedLoop.RunAsync(count, clients, operation);
        return new PhaseResult(name, m.Count, m.Elapsed, m.P50Ms, m.P99Ms, m.MaxMs, m.Errors, m.FirstError, itemsPerOp);
    }
}
