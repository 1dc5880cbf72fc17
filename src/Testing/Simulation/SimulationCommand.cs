namespace ActorCloud.Testing.Simulation;

/// <summary>
/// One command of a simulated batch: the message the entity gets, and <paramref name="Answered"/>, which checks its
/// answer against the workload's model and applies an acknowledged command to it, returning a violation or null.
/// </summary>
public sealed record SimulationCommand(object Message, string Description, Func<object, string?> Answered)
{
    /// <summary>One to <paramref name="concurrency"/> commands, each drawn by <paramref name="next"/>.</summary>
    public static IReadOnlyList<SimulationCommand> Batch(Random random, int concurrency, Func<Random, SimulationCommand> next) =>
        [.. Enumerable.Range(0, random.Next(1, concurrency + 1)).Select(_ => next(random))];

    public override string ToString() => Description;
}
