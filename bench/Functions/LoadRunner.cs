namespace ActorCloud.Bench.Functions;

/// <summary>The function phases' closed loop (<see cref="ClosedLoop"/>): one client measures latency alone.</summary>
public static class LoadRunner
{
    public static async Task<PhaseResult> RunAsync(string name, int count, int clients, Func<int, Task> call) =>
        PhaseResult.Of(name, await ClosedLoop.RunAsync(count, clients, call));
}
