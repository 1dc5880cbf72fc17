namespace ActorCloud.Actors.Functions;

/// <summary>How often a function entity snapshots its state (deployments are rare; this bounds recovery anyway).</summary>
public sealed record FunctionSettings(int SnapshotEvery = 1000);
