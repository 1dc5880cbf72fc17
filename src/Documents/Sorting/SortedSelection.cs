using MongoDB.Bson;

namespace ActorCloud.Documents.Sorting;

/// <summary>
/// Bulk sorting with each document's key computed once. Entries carry their input position as the last tie
/// breaker, which makes the order total: stable for ties, and safe for an unstable sort or a heap.
/// </summary>
internal static class SortedSelection
{
    public static List<BsonDocument> All(IEnumerable<BsonDocument> documents, SortSpec spec)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.IsEmpty) return [.. documents];
        var entries = documents.Select((d, i) => new Entry(d, spec.KeyOf(d), i)).ToArray();
        Array.Sort(entries, new EntryOrder(spec, reverse: false));
        return [.. entries.Select(e => e.Document)];
    }

    public static List<BsonDocument> First(IEnumerable<BsonDocument> documents, SortSpec spec, int count)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(spec);
        if (count <= 0) return [];
        if (spec.IsEmpty) return [.. documents.Take(count)];

        // A max-heap of the best `count` so far: its root is the worst kept entry, the one a better newcomer evicts.
        var heap = new PriorityQueue<Entry, Entry>(new EntryOrder(spec, reverse: true));
        var ordinal = 0;
        foreach (var document in documents)
        {
            if (heap.Count < count)
            {
                var entry = new Entry(document, spec.KeyOf(document), ordinal++);
                heap.Enqueue(entry, entry);
                continue;
            }
            // A key equal to the worst kept one loses the tie: it came later in the input.
            var key = spec.KeyIfBefore(document, heap.Peek().Key);
            if (key is not null)
            {
                var entry = new Entry(document, key, ordinal);
                heap.DequeueEnqueue(entry, entry);
            }
            ordinal++;
        }
        var kept = new Entry[heap.Count];
        for (var i = kept.Length - 1; i >= 0; i--) kept[i] = heap.Dequeue();
        return [.. kept.Select(e => e.Document)];
    }

    private readonly record struct Entry(BsonDocument Document, BsonValue[] Key, int Ordinal);

    private sealed class EntryOrder(SortSpec spec, bool reverse) : IComparer<Entry>
    {
        public int Compare(Entry x, Entry y)
        {
            var c = spec.CompareKeys(x.Key, y.Key);
            if (c == 0) c = x.Ordinal.CompareTo(y.Ordinal);
            return reverse ? -c : c;
        }
    }
}
