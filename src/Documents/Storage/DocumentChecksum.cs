using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ActorCloud.Documents.Storage;

/// <summary>
/// A checksum of a set of documents that does not depend on their order: each document's BSON is hashed (SHA-256) and
/// the hashes are added as four 64-bit lanes, so a collection's live state and a replay of its history — which store
/// the same documents in different slots — agree exactly when they hold the same documents byte for byte.
/// </summary>
public sealed class DocumentChecksum
{
    private readonly ulong[] _lanes = new ulong[4];

    public long Count { get; private set; }

    public static string Of(IEnumerable<byte[]> documents)
    {
        var checksum = new DocumentChecksum();
        foreach (var document in documents) checksum.Add(document);
        return checksum.ToString();
    }

    /// <summary>One document's hash, as the checksum adds it (hex).</summary>
    public static string HashOf(byte[] document) => Convert.ToHexStringLower(SHA256.HashData(document));

    public void Add(byte[] document)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(document, hash);
        for (var lane = 0; lane < 4; lane++) _lanes[lane] += BinaryPrimitives.ReadUInt64LittleEndian(hash[(lane * 8)..]);
        Count++;
    }

    /// <summary><c>{count}:{64 hex digits}</c>.</summary>
    public override string ToString() => $"{Count}:{string.Concat(_lanes.Select(l => l.ToString("x16")))}";
}
