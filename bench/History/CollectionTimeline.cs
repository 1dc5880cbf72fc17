namespace ActorCloud.Bench.History;

/// <summary>
/// A collection's history as the benchmark read it: for every sequence number, the event's time and how many
/// documents the collection held after it. It checks the read (sequence numbers 1, 2, 3 … without a gap) and
/// gives every as-of answer its expected value. Arrays, allocated before the read, so recording allocates nothing.
/// </summary>
public sealed class CollectionTimeline(long capacity)
{
    private readonly int[] _countAfter = new int[capacity + 1];
    private readonly long[] _atTicks = new long[capacity + 1];
    private readonly Dictionary<HistoryOp, int> _ops = [];
    private int _count;

    /// <summary>The last sequence number recorded.</summary>
    public long Last { get; private set; }

    public IReadOnlyDictionary<HistoryOp, int> Ops => _ops;

    public void Record(HistoryLine line)
    {
        if (line.Seq != Last + 1) throw new InvalidDataException($"history jumped from seq {Last} to {line.Seq}");
        if (line.Seq >= _countAfter.Length) throw new InvalidDataException($"history has more than the {_countAfter.Length - 1} events written");
        _count += line.Op switch
        {
            HistoryOp.Insert => line.IdCount,
            HistoryOp.Remove => -line.IdCount,
            _ => 0,
        };
        Last = line.Seq;
        _countAfter[Last] = _count;
        _atTicks[Last] = line.At?.Ticks ?? throw new InvalidDataException($"event {line.Seq} has no time");
        _ops[line.Op] = _ops.GetValueOrDefault(line.Op) + 1;
    }

    /// <summary>The time of event <paramref name="seq"/>, in the form <c>asOfTime</c> takes.</summary>
    public string TimeOf(long seq) => new DateTime(_atTicks[seq], DateTimeKind.Utc).ToString("O");

    /// <summary>
    /// The documents a count as of <paramref name="point"/> must find. For a time: the state after the events before
    /// the first one later than it (the server's rule: <c>PointInHistory.Includes</c>, applied in order).
    /// </summary>
    public long ExpectedCount(AsOf point)
    {
        if (point.Seq is { } seq) return _countAfter[Math.Min(seq, Last)];
        var ticks = DateTime.Parse(point.Time!, null, System.Globalization.DateTimeStyles.RoundtripKind).Ticks;
        var reached = 0L;
        while (reached < Last && _atTicks[reached + 1] <= ticks) reached++;
        return _countAfter[reached];
    }
}
