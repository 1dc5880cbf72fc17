using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// The first <c>count</c> documents in key order (ties in arrival order) of everything offered, for <c>$sort</c> and
/// <c>$geoNear</c>: with a following <c>$limit</c> the count is small and only that many documents are ever held.
/// The budget is charged for what is held and refunded for what a better document evicts.
/// </summary>
internal sealed class BoundedSelection<TKey>
{
    private readonly PriorityQueue<Entry, Entry> _worstFirst;
    private readonly IComparer<TKey> _order;
    private readonly int _count;
    private readonly BufferBudget _budget;
    private long _arrivals;

    public BoundedSelection(IComparer<TKey> order, int count, BufferBudget budget)
    {
        _order = order;
        _count = count;
        _budget = budget;
        _worstFirst = new PriorityQueue<Entry, Entry>(Comparer<Entry>.Create((x, y) => Compare(y, x)));
    }

    public void Offer(BsonDocument document, TKey key)
    {
        var entry = new Entry(document, key, _arrivals++, 0);
        if (_worstFirst.Count == _count)
        {
            // A newcomer equal to the worst kept entry loses: it arrived later.
            if (Compare(entry, _worstFirst.Peek()) >= 0) return;
            entry = entry with { Bytes = BsonSize.Of(document) };
            _budget.Charge(entry.Bytes);
            _budget.Release(_worstFirst.DequeueEnqueue(entry, entry).Bytes);
            return;
        }
        entry = entry with { Bytes = BsonSize.Of(document) };
        _budget.Charge(entry.Bytes);
        _worstFirst.Enqueue(entry, entry);
    }

    /// <summary>The kept documents, best first; the selection is empty afterwards.</summary>
    public BsonDocument[] TakeInOrder()
    {
        var kept = new BsonDocument[_worstFirst.Count];
        for (var i = kept.Length - 1; i >= 0; i--) kept[i] = _worstFirst.Dequeue().Document;
        return kept;
    }

    private int Compare(Entry x, Entry y)
    {
        var c = _order.Compare(x.Key, y.Key);
        return c != 0 ? c : x.Arrival.CompareTo(y.Arrival);
    }

    private readonly record struct Entry(BsonDocument Document, TKey Key, long Arrival, long Bytes);
}
