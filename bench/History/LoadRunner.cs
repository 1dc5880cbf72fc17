namespace ActorCloud.Bench.History;

/// <summary>
/// The closed loop (<see cref="ClosedLoop"/>) with the build phase's 32 clients, or one where a phase measures
/// uncontended latency.
/// </summary>
public static class LoadRunner
{
    public const int Clients = 32;

    public static async Task<PhaseResult> RunAsync(string name, int count, Func<int, Task> operation, int clients = Clients) =>
        PhaseResult.Of(name, "ops/s", await ClosedLoop.RunAsync(count, clients, operation));
}
