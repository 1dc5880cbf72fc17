using MongoDB.Bson;

namespace ActorCloud.Documents.Updates;

/// <summary>
/// The document after an update. When <see cref="Changed"/> is false, <see cref="Document"/> is the original
/// instance: MongoDB's modifiedCount leaves out updates that change nothing, and callers can skip the write.
/// </summary>
/// <remarks>
/// A changed document shares every untouched sub-document and array with the original, so both must be treated
/// as immutable values.
/// </remarks>
public sealed record UpdateResult(BsonDocument Document, bool Changed);
