using ActorCloud.Actors.Collections;
using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Actors.Serialization;

/// <summary>
/// Binary layout of a collection snapshot: a flags byte, then each document's BSON back to back (BSON
/// documents carry their own length). Compact, and free of the 33 % base64 overhead JSON would add.
/// </summary>
internal static class SnapshotFormat
{
    private const byte ExistsFlag = 1;

    public static byte[] Write(CollectionSnapshot snapshot)
    {
        using var stream = new MemoryStream();
        stream.WriteByte(snapshot.Exists ? ExistsFlag : (byte)0);
        foreach (var document in snapshot.Documents) stream.Write(BsonBytes.Of(document));
        return stream.ToArray();
    }

    public static CollectionSnapshot Read(byte[] bytes)
    {
        var exists = (bytes[0] & ExistsFlag) != 0;
        var documents = new List<BsonDocument>();
        var offset = 1;
        while (offset < bytes.Length)
        {
            var length = BitConverter.ToInt32(bytes, offset);
            documents.Add(BsonBytes.Read(new ReadOnlyMemory<byte>(bytes, offset, length)));
            offset += length;
        }
        return new CollectionSnapshot(exists, documents);
    }
}
