using Microsoft.Win32.SafeHandles;

namespace ActorCloud.Documents.Storage;

/// <summary>
/// An append-only file of BSON documents that no longer fit a collection's memory budget. A document is found again by
/// its location (<see cref="Pack"/>: offset and length in one long). Appends come from the owning entity only; reads are
/// positional and thread-safe, so snapshots on other threads read the file while the entity appends to it. Bytes once
/// written never change, so a location stays valid for as long as anyone holds it.
/// </summary>
public sealed class SpillFile : IDisposable
{
    private const int LengthBits = 25;
    private const long LengthMask = (1L << LengthBits) - 1;

    private readonly SafeFileHandle _handle;
    private long _length;

    public SpillFile(string? directory)
    {
        directory ??= System.IO.Path.GetTempPath();
        Directory.CreateDirectory(directory);
        Path = System.IO.Path.Combine(directory, $"spill-{Guid.NewGuid():N}.bson");
        _handle = File.OpenHandle(Path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read,
            FileOptions.DeleteOnClose | FileOptions.RandomAccess);
    }

    public string Path { get; }

    /// <summary>Bytes appended so far, live or superseded.</summary>
    public long Length => Volatile.Read(ref _length);

    /// <summary>Writes documents back to back in one call; returns each one's location.</summary>
    public long[] Append(IReadOnlyList<byte[]> documents)
    {
        var total = documents.Sum(d => (long)d.Length);
        var buffer = new byte[total];
        var locations = new long[documents.Count];
        long at = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            documents[i].CopyTo(buffer, at);
            locations[i] = Pack(_length + at, documents[i].Length);
            at += documents[i].Length;
        }
        RandomAccess.Write(_handle, buffer, _length);
        Volatile.Write(ref _length, _length + total);
        return locations;
    }

    public byte[] Read(long location)
    {
        var bytes = new byte[(int)(location & LengthMask)];
        var offset = location >>> LengthBits;
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(_handle, bytes.AsSpan(read), offset + read);
            if (n == 0) throw new IOException($"spill file {Path} ends before offset {offset + bytes.Length}");
            read += n;
        }
        return bytes;
    }

    public static int LengthOf(long location) => (int)(location & LengthMask);

    /// <summary>Offset in the high 39 bits (512 GiB), length in the low 25 (a document is at most 16 MiB).</summary>
    private static long Pack(long offset, int length) => (offset << LengthBits) | (uint)length;

    public void Dispose() => _handle.Dispose();
}
