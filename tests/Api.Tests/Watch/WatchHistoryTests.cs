using ActorCloud.Api.Watch;
using MongoDB.Bson;

namespace ActorCloud.Api.Tests.Watch;

/// <summary>The bounded history a resuming client is answered from.</summary>
public sealed class WatchHistoryTests
{
    [Fact]
    public void Answers_the_batches_after_an_event_id_it_still_covers()
    {
        var history = new WatchHistory(1);
        history.Add(2, [Enqueue("a")]);
        history.Add(3, [Dequeue("a")]);

        Assert.Equal([2L, 3L], history.After(1)!.Select(b => b.Id));
        Assert.Equal([3L], history.After(2)!.Select(b => b.Id));
        Assert.Empty(history.After(3)!);
        Assert.Null(history.After(0));
        Assert.Null(history.After(4));
    }

    [Fact]
    public void Drops_the_oldest_batches_past_its_bound_and_remembers_what_they_took_out()
    {
        var history = new WatchHistory(1);
        history.Add(2, [Dequeue("early")]);
        for (var id = 3L; id < 3 + WatchHistory.MaxBatches; id++) history.Add(id, [Enqueue("x")]);

        Assert.Equal(2, history.Floor);
        Assert.Null(history.After(1));
        Assert.Equal(WatchHistory.MaxBatches, history.After(2)!.Count);
        Assert.Contains(new BsonString("early"), history.Departed()!);

        history.Restart(50);
        Assert.Empty(history.Departed()!);
        Assert.Empty(history.After(50)!);
        Assert.Null(history.After(49));
    }

    [Fact]
    public void Is_bounded_by_weight_too_but_keeps_the_newest_batch_whatever_its_size()
    {
        var history = new WatchHistory(1);
        var big = new WatchEvent(WatchEvent.Add, WatchEvent.Enqueue, "big", new string('x', (int)WatchHistory.MaxWeight));
        history.Add(2, [Enqueue("small")]);
        history.Add(3, [big]);

        Assert.Null(history.After(1));
        Assert.Equal([3L], history.After(2)!.Select(b => b.Id));
    }

    [Fact]
    public void Gives_up_remembering_departures_past_the_watch_cap()
    {
        var history = new WatchHistory(0);
        history.Add(1, [.. Enumerable.Range(0, WatchState.MaxDocuments + 1).Select(i => Dequeue($"d{i}"))]);
        for (var id = 2L; id < 2 + WatchHistory.MaxBatches; id++) history.Add(id, [Enqueue("x")]);

        Assert.Null(history.Departed());
    }

    private static WatchEvent Enqueue(string id) => new(WatchEvent.Add, WatchEvent.Enqueue, id, "{}");

    private static WatchEvent Dequeue(string id) => new(WatchEvent.Remove, WatchEvent.Dequeue, id, null);
}
