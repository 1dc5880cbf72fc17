using System.Runtime.InteropServices;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;

namespace ActorCloud.Documents.Bson;

/// <summary>
/// Documents as raw BSON bytes: the form events and snapshots carry, so every BSON type (int32 vs int64,
/// decimal, dates, regexes) survives replay exactly.
/// </summary>
public static class BsonBytes
{
    private static readonly BsonBinaryWriterSettings WriterSettings = new() { MaxDocumentSize = int.MaxValue };
    private static readonly BsonBinaryReaderSettings ReaderSettings = new() { MaxDocumentSize = int.MaxValue };

    public static byte[] Of(BsonDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = new BsonBinaryWriter(stream, WriterSettings))
        {
            BsonDocumentSerializer.Instance.Serialize(BsonSerializationContext.CreateRoot(writer), document);
        }
        return stream.ToArray();
    }

    public static BsonDocument Read(byte[] bytes) => Read(new ReadOnlyMemory<byte>(bytes));

    /// <summary>A stored document's <c>_id</c>, read without reading the rest of it.</summary>
    public static BsonValue IdOf(byte[] bytes) => new BsonView(bytes)["_id"];

    public static BsonDocument Read(ReadOnlyMemory<byte> bytes)
    {
        using var stream = MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
        using var reader = new BsonBinaryReader(stream, ReaderSettings);
        return BsonDocumentSerializer.Instance.Deserialize(BsonDeserializationContext.CreateRoot(reader));
    }
}
