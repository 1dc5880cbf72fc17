using MongoDB.Bson;

namespace ActorCloud.Testing.Simulation;

/// <summary>
/// The plain model a collection is checked against: a dictionary of documents, fed only the operations the entity
/// acknowledged, in the order they were acknowledged. No journal, no actors, no indexes.
/// </summary>
public sealed class ReferenceModel
{
    private readonly Dictionary<string, BsonDocument> _documents = new(StringComparer.Ordinal);

    public bool Contains(string id) => _documents.ContainsKey(id);

    public int Count => _documents.Count;

    public BsonDocument? Find(string id) => _documents.GetValueOrDefault(id);

    /// <summary>An independent copy, to try a write on.</summary>
    public ReferenceModel Copy()
    {
        var copy = new ReferenceModel();
        foreach (var (id, document) in _documents) copy._documents[id] = document.DeepClone().AsBsonDocument;
        return copy;
    }

    public void Insert(string id, BsonDocument document) => _documents.Add(id, document.DeepClone().AsBsonDocument);

    /// <summary>A replacement (with upsert): the document becomes its <c>_id</c> plus the replacement's fields.</summary>
    public void Replace(string id, BsonDocument replacement)
    {
        var document = new BsonDocument("_id", id);
        foreach (var element in replacement) if (element.Name != "_id") document[element.Name] = element.Value.DeepClone();
        _documents[id] = document;
    }

    public void Increment(string id, string field, int by)
    {
        var document = _documents[id];
        document[field] = document.TryGetValue(field, out var value) ? value.AsInt32 + by : by;
    }

    public void Remove(string id) => _documents.Remove(id);

    /// <summary>The documents in a form that ignores field order, keyed by id.</summary>
    public IReadOnlyDictionary<string, string> Canonical() => CanonicalOf(_documents.Values);

    /// <summary>How <paramref name="documents"/> differ from the model, one line per document id (none: the same).</summary>
    public IReadOnlyList<string> Differences(IEnumerable<BsonDocument> documents) => StateDifferences.Of(CanonicalOf(documents), Canonical());

    /// <summary>Documents as canonical text with their fields sorted (field order is not part of what is checked).</summary>
    public static IReadOnlyDictionary<string, string> CanonicalOf(IEnumerable<BsonDocument> documents) =>
        documents.ToDictionary(d => d["_id"].ToString()!, d => Sorted(d).ToJson(), StringComparer.Ordinal);

    private static BsonDocument Sorted(BsonDocument document)
    {
        var sorted = new BsonDocument();
        foreach (var element in document.OrderBy(e => e.Name, StringComparer.Ordinal))
            sorted[element.Name] = element.Value is BsonDocument inner ? Sorted(inner) : element.Value;
        return sorted;
    }
}
