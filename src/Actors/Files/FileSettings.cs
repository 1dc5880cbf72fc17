namespace ActorCloud.Actors.Files;

/// <summary>
/// How many versions of a file are kept restorable (<c>Blob:KeepVersions</c>; blobs of older ones are swept) and
/// how often a file entity snapshots its state.
/// </summary>
public sealed record FileSettings(int KeepVersions = 10, int SnapshotEvery = 1000);
