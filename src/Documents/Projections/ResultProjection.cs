using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Query;
using MongoDB.Bson;

namespace ActorCloud.Documents.Projections;

/// <summary>
/// The projection of a query's results, including MongoDB's positional form <c>{'items.$': 1}</c>: an inclusion
/// of <c>items</c> that keeps only the element the query matched (<see cref="PositionalMatch"/>). At most one
/// positional field, as MongoDB allows; the path must reach the array through sub-documents.
/// </summary>
public sealed class ResultProjection
{
    private readonly Projection _projection;
    private readonly FieldPath? _positional;
    private readonly BsonDocument _query;

    private ResultProjection(Projection projection, FieldPath? positional, BsonDocument query)
    {
        _projection = projection;
        _positional = positional;
        _query = query;
    }

    public static ResultProjection Compile(BsonDocument? spec, BsonDocument query)
    {
        var positional = spec?.Names.Where(name => name.EndsWith(".$", StringComparison.Ordinal)).ToList() ?? [];
        if (positional.Count == 0) return new ResultProjection(Projection.Compile(spec), null, query);
        if (positional.Count > 1) throw DocumentException.InvalidParam("Cannot specify more than one positional projection per query.");
        var arrayPath = positional[0][..^2];
        var rewritten = new BsonDocument(spec!.Select(e => e.Name == positional[0] ? new BsonElement(arrayPath, e.Value) : e));
        return new ResultProjection(Projection.Compile(rewritten), FieldPath.Parse(arrayPath), query);
    }

    public BsonDocument Apply(BsonDocument document)
    {
        var projected = _projection.Apply(document);
        if (_positional is null || Navigate(document, _positional) is not BsonArray array) return projected;
        var index = PositionalMatch.FirstIndex(_query, _positional.Text, array);
        // Projected documents share untouched sub-documents with the stored one: copy the way down before writing.
        var result = new BsonDocument(projected.Elements);
        var container = result;
        for (var i = 0; i < _positional.Segments.Count - 1; i++)
        {
            if (container.GetValue(_positional.Segments[i], null) is not BsonDocument child) return projected;
            var copy = new BsonDocument(child.Elements);
            container[_positional.Segments[i]] = copy;
            container = copy;
        }
        container[_positional.Segments[^1]] = new BsonArray { array[index] };
        return result;
    }

    private static BsonValue? Navigate(BsonDocument document, FieldPath path)
    {
        BsonValue? current = document;
        foreach (var segment in path.Segments) current = current is BsonDocument d ? d.GetValue(segment, null) : null;
        return current;
    }
}
