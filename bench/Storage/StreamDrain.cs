using System.Buffers;

namespace ActorCloud.Bench.Storage;

/// <summary>Reads a download to its end through one pooled buffer, counting bytes: both paths read the same way.</summary>
public static class StreamDrain
{
    private const int BufferSize = 128 << 10;

    public static async Task<long> CountAsync(Stream stream, CancellationToken cancellation)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize), cancellation)) > 0) total += read;
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
