namespace ActorCloud.Testing.Simulation;

/// <summary>What a simulation does to an entity instead of (or around) a step's commands.</summary>
public enum SimulationFault
{
    /// <summary>The journal fails the step's write: every command of the batch is refused, nothing applied.</summary>
    WriteFails,

    /// <summary>The journal rejects the write (as for an event it cannot store): refused, the entity restarts.</summary>
    WriteRejected,

    /// <summary>Writes take 30 ms more: more commands queue and go out together.</summary>
    SlowWrite,

    /// <summary>Snapshots fail to save during the step: recovery must not depend on them.</summary>
    SnapshotFails,

    /// <summary>The entity is passivated, then its recovery fails once; the next start must recover fully.</summary>
    RecoveryFails,

    /// <summary>The entity is passivated; the next message recovers it.</summary>
    Passivation,
}

public static class SimulationFaults
{
    public static SimulationFault Pick(Random random) => (SimulationFault)random.Next(Enum.GetValues<SimulationFault>().Length);
}
