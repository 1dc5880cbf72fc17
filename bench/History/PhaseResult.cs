namespace ActorCloud.Bench.History;

/// <summary>
/// One measured phase: how many items (requests, history lines, deliveries) in what wall time, their latency
/// percentiles where each item has one, and any failures.
/// </summary>
public sealed record PhaseResult(
    string Name, long Count, TimeSpan Elapsed, string Unit, LoopMeasurement? Latency, int Errors, string? FirstError)
{
    public double Rate => Count / Elapsed.TotalSeconds;

    public static PhaseResult Of(string name, string unit, LoopMeasurement m) =>
        new(name, m.Count, m.Elapsed, unit, m, m.Errors, m.FirstError);
}
