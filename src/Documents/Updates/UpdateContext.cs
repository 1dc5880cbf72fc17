using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Updates;

/// <summary>
/// One document being updated. The original is shared, immutable state, so writes copy only the containers on
/// the written path (a shallow copy each, once per update); everything else stays shared with the original.
/// </summary>
internal sealed class UpdateContext
{
    /// <summary>MongoDB refuses to pad an array past this many elements when a path indexes beyond its end.</summary>
    private const int MaxPaddedLength = 1_500_000;

    private readonly HashSet<BsonValue> _owned = new(ReferenceEqualityComparer.Instance);

    public UpdateContext(BsonDocument original, bool isInsert, DateTime now)
    {
        Original = original;
        Result = new BsonDocument(original.Elements);
        _owned.Add(Result);
        IsInsert = isInsert;
        Now = now;
    }

    public BsonDocument Original { get; }

    public BsonDocument Result { get; }

    public bool IsInsert { get; }

    public DateTime Now { get; }

    /// <summary>The value at the path, or null when the path leads nowhere (a numeric segment indexes an array).</summary>
    public BsonValue? Read(FieldPath path)
    {
        BsonValue? current = Result;
        foreach (var segment in path.Segments)
        {
            current = current switch
            {
                BsonDocument document => document.TryGetValue(segment, out var v) ? v : null,
                BsonArray array => FieldPath.IsIndex(segment, out var i) && i < array.Count ? array[i] : null,
                _ => null,
            };
            if (current is null) return null;
        }
        return current;
    }

    /// <summary>Writes <paramref name="value"/> unless it is identical to <paramref name="current"/>, sparing the copies.</summary>
    public void Store(FieldPath path, BsonValue? current, BsonValue value)
    {
        if (current is not null && ExactBsonEquality.AreIdentical(current, value)) return;
        Write(path, value);
    }

    /// <summary>Sets the value, creating missing sub-documents and padding arrays with nulls, as MongoDB does.</summary>
    public void Write(FieldPath path, BsonValue value)
    {
        var (container, containerName) = OwnedParent(path.Segments);
        Assign(container, containerName, path.Segments[^1], value);
    }

    /// <summary>The container of the path's last segment, made owned (copied from the original) on the way down.</summary>
    private (BsonValue Container, string ContainerName) OwnedParent(IReadOnlyList<string> segments)
    {
        BsonValue container = Result;
        var containerName = "";
        for (var i = 0; i < segments.Count - 1; i++)
        {
            container = OwnedChild(container, containerName, segments[i], segments[i + 1]);
            containerName = segments[i];
        }
        return (container, containerName);
    }

    /// <summary>Removes a field; an array element becomes null instead, so later positions keep their index.</summary>
    public void Remove(FieldPath path)
    {
        if (Read(path) is null) return;
        var segments = path.Segments;
        var (container, containerName) = OwnedParent(segments);
        if (container is BsonDocument document) document.Remove(segments[^1]);
        else Assign(container, containerName, segments[^1], BsonNull.Value);
    }

    /// <summary>Names the document in error messages the way MongoDB does: by its <c>_id</c>.</summary>
    public string DescribeDocument() =>
        Original.TryGetValue("_id", out var id) ? UpdateOperands.Describe("_id", id) : "{}";

    private BsonValue OwnedChild(BsonValue container, string containerName, string segment, string nextSegment)
    {
        var existing = Child(container, containerName, segment);
        switch (existing)
        {
            case null:
                var created = new BsonDocument();
                _owned.Add(created);
                Assign(container, containerName, segment, created);
                return created;
            case BsonDocument or BsonArray when _owned.Contains(existing):
                return existing;
            case BsonDocument document:
                return Own(container, containerName, segment, new BsonDocument(document.Elements));
            case BsonArray array:
                return Own(container, containerName, segment, new BsonArray(array));
            default:
                throw CannotCreate(nextSegment, segment, existing);
        }
    }

    private BsonValue Own(BsonValue container, string containerName, string segment, BsonValue copy)
    {
        _owned.Add(copy);
        Assign(container, containerName, segment, copy);
        return copy;
    }

    private static BsonValue? Child(BsonValue container, string containerName, string segment)
    {
        if (container is BsonDocument document) return document.TryGetValue(segment, out var v) ? v : null;
        var array = (BsonArray)container;
        if (!FieldPath.IsIndex(segment, out var index)) throw CannotCreate(segment, containerName, array);
        return index < array.Count ? array[index] : null;
    }

    private static void Assign(BsonValue container, string containerName, string segment, BsonValue value)
    {
        if (container is BsonDocument document)
        {
            document.Set(segment, value);
            return;
        }
        var array = (BsonArray)container;
        if (!FieldPath.IsIndex(segment, out var index)) throw CannotCreate(segment, containerName, array);
        if (index < array.Count)
        {
            array[index] = value;
            return;
        }
        if (index >= MaxPaddedLength)
            throw DocumentException.RequestFailed($"can't backfill array to larger than {MaxPaddedLength} elements");
        while (array.Count < index) array.Add(BsonNull.Value);
        array.Add(value);
    }

    private static DocumentException CannotCreate(string field, string containerName, BsonValue container) =>
        DocumentException.RequestFailed($"Cannot create field '{field}' in element {UpdateOperands.Describe(containerName, container)}");
}
