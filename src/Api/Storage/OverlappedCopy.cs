using System.Buffers;

namespace ActorCloud.Api.Storage;

/// <summary>
/// Copies a blob to a response with the next read from storage in flight while the previous chunk is written to the
/// client, so neither side waits for the other: a plain copy alternates, and each waits out the other's latency.
/// </summary>
public static class OverlappedCopy
{
    private const int ChunkSize = 1 << 20;

    public static async Task CopyAsync(Stream source, Stream destination, CancellationToken cancellation)
    {
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(ChunkSize), ArrayPool<byte>.Shared.Rent(ChunkSize)];
        var writing = Task.CompletedTask;
        try
        {
            for (var current = 0; ; current ^= 1)
            {
                var read = await source.ReadAtLeastAsync(buffers[current].AsMemory(0, ChunkSize), ChunkSize, throwOnEndOfStream: false, cancellation);
                await writing;
                if (read == 0) break;
                writing = destination.WriteAsync(buffers[current].AsMemory(0, read), cancellation).AsTask();
                if (read < ChunkSize)
                {
                    await writing;
                    break;
                }
            }
        }
        finally
        {
            await writing.ContinueWith(_ => { }, TaskScheduler.Default);
            foreach (var buffer in buffers) ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
