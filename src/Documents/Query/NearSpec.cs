using ActorCloud.Documents.Geo;
using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

/// <summary>The <c>$nearSphere</c> of a query: the field holding locations and the point results are ordered from.</summary>
public sealed record NearSpec(string Path, GeoPoint Center)
{
    /// <summary>
    /// Meters from <see cref="Center"/> to the nearest geometry stored at <see cref="Path"/> (any of them when the
    /// path reaches several); positive infinity when the document holds no geometry there.
    /// </summary>
    public double Distance(BsonDocument doc)
    {
        var collector = new NearestDistanceCollector(UnitVector.From(Center));
        PathTraversal.Any(doc, Path.Split('.'), collector);
        return collector.NearestRadians * SphericalGeometry.EarthRadiusMeters;
    }
}
