namespace ActorCloud.Testing.Simulation;

/// <summary>What one simulation run does; the same options and seed make the same run.</summary>
/// <param name="Seed">Drives every random choice: commands, documents, faults, passivations.</param>
public sealed record SimulationOptions(int Seed)
{
    /// <summary>Command batches sent (each of one to <see cref="Concurrency"/> commands on distinct documents).</summary>
    public int Steps { get; init; } = 200;

    /// <summary>Most commands in flight at once: they reach the entity together and are group-committed.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Chance, per step, of a fault or a passivation before the step's commands.</summary>
    public double FaultRate { get; init; } = 0.15;

    /// <summary>Document ids drawn from: few, so that commands meet (duplicate inserts, updates of removed documents).</summary>
    public int Documents { get; init; } = 12;

    /// <summary>The entity snapshots after this many documents written (small: recoveries then start from snapshots).</summary>
    public int SnapshotEvery { get; init; } = 8;

    /// <summary>How often (in steps) the invariants are also checked mid-run; they always are at the end.</summary>
    public int CheckEvery { get; init; } = 50;
}
