using ActorCloud.Actors.Permissions;

namespace ActorCloud.Actors.Collections;

/// <summary>
/// A collection's whole state at a sequence number, its documents as stored BSON. Taken live, the documents come from
/// a frozen <see cref="Documents.Storage.DocumentSnapshot"/> read lazily, so taking it costs one array copy and the
/// snapshot store serializes it on its own thread.
/// </summary>
public sealed record CollectionSnapshot(
    bool Exists, IEnumerable<byte[]> Documents, Permission? Permission = null, IReadOnlyList<IndexDefinition>? Indexes = null);
