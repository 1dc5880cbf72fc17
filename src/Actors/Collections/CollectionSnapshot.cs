using ActorCloud.Actors.Permissions;
using MongoDB.Bson;

namespace ActorCloud.Actors.Collections;

/// <summary>
/// A collection's whole state at a sequence number. It holds references to the (immutable) stored documents,
/// so taking it costs one array copy and the snapshot store can serialize it on its own thread.
/// </summary>
public sealed record CollectionSnapshot(
    bool Exists, IReadOnlyList<BsonDocument> Documents, Permission? Permission = null, IReadOnlyList<IndexDefinition>? Indexes = null);
