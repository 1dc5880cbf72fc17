using System.Threading.Channels;

namespace ActorCloud.Api.Watch;

/// <summary>
/// The frames waiting to go out on one socket, bounded by count and by bytes so that a client that stops reading
/// costs a bounded amount of memory: <see cref="TryEnqueue"/> fails once it is full and the socket is then dropped
/// (the client reconnects and resumes from the watch's history). One frame larger than the byte bound still goes
/// when the queue is empty, as an initial result set of 5 000 big documents must.
/// </summary>
public sealed class OutboundQueue
{
    public const int MaxFrames = 1024;
    public const long MaxBytes = 16 * 1024 * 1024;

    private readonly Channel<byte[]> _frames = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private int _count;
    private long _bytes;

    public bool TryEnqueue(byte[] frame)
    {
        lock (_gate)
        {
            if (_count > 0 && (_count >= MaxFrames || _bytes + frame.Length > MaxBytes)) return false;
            if (!_frames.Writer.TryWrite(frame)) return false;
            _count++;
            _bytes += frame.Length;
            return true;
        }
    }

    public async IAsyncEnumerable<byte[]> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        await foreach (var frame in _frames.Reader.ReadAllAsync(cancellation))
        {
            lock (_gate)
            {
                _count--;
                _bytes -= frame.Length;
            }
            yield return frame;
        }
    }

    /// <summary>No more frames; what is queued still goes out.</summary>
    public void Complete() => _frames.Writer.TryComplete();
}
