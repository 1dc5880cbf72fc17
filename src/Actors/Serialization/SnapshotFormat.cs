using System.Text.Json;
using ActorCloud.Actors.Collections;
using ActorCloud.Actors.Permissions;

namespace ActorCloud.Actors.Serialization;

/// <summary>
/// Binary layout of a collection snapshot: a flags byte; with the permission flag, a length-prefixed JSON
/// permission (snapshots written before permissions existed lack it and mean the default); with the indexes flag, a
/// length-prefixed JSON list of index definitions (older snapshots: none); then each document's
/// BSON back to back (BSON documents carry their own length). Compact, and free of the 33 % base64 overhead JSON
/// would add.
/// </summary>
internal static class SnapshotFormat
{
    private const byte ExistsFlag = 1;
    private const byte PermissionFlag = 2;
    private const byte IndexesFlag = 4;

    public static byte[] Write(CollectionSnapshot snapshot)
    {
        using var stream = new MemoryStream();
        var indexes = snapshot.Indexes is { Count: > 0 } list ? list : null;
        stream.WriteByte((byte)((snapshot.Exists ? ExistsFlag : 0) | (snapshot.Permission is null ? 0 : PermissionFlag)
                                | (indexes is null ? 0 : IndexesFlag)));
        if (snapshot.Permission is { } permission) WriteJson(stream, permission);
        if (indexes is not null) WriteJson(stream, indexes);
        foreach (var document in snapshot.Documents) stream.Write(document);
        return stream.ToArray();
    }

    public static CollectionSnapshot Read(byte[] bytes)
    {
        var exists = (bytes[0] & ExistsFlag) != 0;
        var offset = 1;
        Permission? permission = null;
        if ((bytes[0] & PermissionFlag) != 0) permission = ReadJson<Permission>(bytes, ref offset);
        IReadOnlyList<IndexDefinition>? indexes = (bytes[0] & IndexesFlag) != 0 ? ReadJson<List<IndexDefinition>>(bytes, ref offset) : null;
        var documents = new List<byte[]>();
        while (offset < bytes.Length)
        {
            var length = BitConverter.ToInt32(bytes, offset);
            documents.Add(bytes.AsSpan(offset, length).ToArray());
            offset += length;
        }
        return new CollectionSnapshot(exists, documents, permission, indexes);
    }

    private static void WriteJson<T>(Stream stream, T value)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value);
        stream.Write(BitConverter.GetBytes(json.Length));
        stream.Write(json);
    }

    private static T? ReadJson<T>(byte[] bytes, ref int offset)
    {
        var length = BitConverter.ToInt32(bytes, offset);
        var value = JsonSerializer.Deserialize<T>(new ReadOnlySpan<byte>(bytes, offset + 4, length));
        offset += 4 + length;
        return value;
    }
}
