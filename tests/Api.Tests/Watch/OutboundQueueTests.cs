using ActorCloud.Api.Watch;

namespace ActorCloud.Api.Tests.Watch;

/// <summary>The per-socket queue that keeps a client that stops reading from growing the server's memory.</summary>
public sealed class OutboundQueueTests
{
    [Fact]
    public async Task Refuses_frames_past_its_count_or_byte_bound_and_frees_room_as_frames_leave()
    {
        var queue = new OutboundQueue();
        for (var i = 0; i < OutboundQueue.MaxFrames; i++) Assert.True(queue.TryEnqueue([1]));
        Assert.False(queue.TryEnqueue([1]));

        await using var reader = queue.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync());
        Assert.True(queue.TryEnqueue([1]));

        var bytes = new OutboundQueue();
        Assert.True(bytes.TryEnqueue(new byte[OutboundQueue.MaxBytes + 1]));
        Assert.False(bytes.TryEnqueue([1]));
    }
}
