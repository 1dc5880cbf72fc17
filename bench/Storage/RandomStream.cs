using System.Buffers.Binary;

namespace ActorCloud.Bench.Storage;

/// <summary>
/// A file's content, generated as it is read: a read-only, non-seekable stream of <c>length</c> pseudo-random
/// bytes, so neither path can take a shortcut a seekable stream of known length allows (both must stream or
/// buffer it themselves) and the benchmark never holds a large file in memory. Each 8-byte word is a
/// SplitMix64 hash of its index and the path's seed, so the same path gives the same bytes on both sides.
/// </summary>
public sealed class RandomStream(ulong seed, long length) : Stream
{
    private long _position;

    /// <summary>How many bytes have been read; an upload that did not read them all did not send the file.</summary>
    public long BytesRead => _position;

    public static RandomStream ForPath(string path, long length)
    {
        var seed = 14695981039346656037UL; // FNV-1a: a stable hash, unlike string.GetHashCode
        foreach (var c in path) seed = (seed ^ c) * 1099511628211UL;
        return new RandomStream(seed, length);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position);
        var written = 0;
        while (written < count)
        {
            var at = _position + written;
            var word = Word((ulong)(at >> 3));
            var offset = (int)(at & 7);
            var take = Math.Min(8 - offset, count - written);
            if (take == 8) BinaryPrimitives.WriteUInt64LittleEndian(buffer[written..], word);
            else for (var i = 0; i < take; i++) buffer[written + i] = (byte)(word >> (8 * (offset + i)));
            written += take;
        }
        _position += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private ulong Word(ulong index)
    {
        var z = seed + (index + 1) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
