namespace ActorCloud.Testing.Simulation;

/// <summary>An invariant did not hold. The message names the seed, so the run can be repeated exactly.</summary>
public sealed class SimulationFailure(int seed, int step, string violation, IEnumerable<string> recent)
    : Exception($"simulation seed {seed} failed at step {step}: {violation}\n" +
                $"repeat it with new SimulationOptions({seed}) and the same other options; the last actions were:\n  " +
                string.Join("\n  ", recent))
{
    public int Seed { get; } = seed;
}

/// <summary>What a run did: commands acknowledged and refused, faults injected, invariant checks passed.</summary>
public sealed record SimulationReport(int Seed, int Acknowledged, int Refused, IReadOnlyDictionary<string, int> Faults, int Checks)
{
    public string Summary() => $"seed {Seed}: {Acknowledged} acknowledged, {Refused} refused, {Checks} checks, " +
                               string.Join(", ", Faults.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}"));
}
