using ActorCloud.Documents.Geo;
using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

/// <summary><c>$geoWithin</c>: the stored geometry lies inside the region. Values that are not geometry never match.</summary>
internal sealed class GeoWithinMatcher(GeoRegion region) : ValueMatcher
{
    public override bool Matches(BsonValue value) => GeoJsonReader.TryReadStored(value) is { } shape && region.Contains(shape);
}

/// <summary><c>$geoIntersects</c>: the stored geometry shares at least one point with the operand.</summary>
internal sealed class GeoIntersectsMatcher(GeoShape operand) : ValueMatcher
{
    public override bool Matches(BsonValue value) => GeoJsonReader.TryReadStored(value) is { } shape && shape.Intersects(operand);
}

/// <summary><c>$nearSphere</c> as a filter: the stored geometry's nearest part is within [min, max] of the centre.</summary>
internal sealed class NearMatcher(UnitVector centre, double minRadians, double maxRadians) : ValueMatcher
{
    public double MaxRadians => maxRadians;

    public override bool Matches(BsonValue value)
    {
        if (GeoJsonReader.TryReadStored(value) is not { } shape) return false;
        var distance = shape.DistanceTo(centre);
        return distance >= minRadians - Geo.SphericalGeometry.Tolerance && distance <= maxRadians + Geo.SphericalGeometry.Tolerance;
    }
}

/// <summary>Visits every geometry on a path and keeps the smallest distance to the centre; never "matches" so all are seen.</summary>
internal sealed class NearestDistanceCollector(UnitVector centre) : ValueMatcher
{
    public double NearestRadians { get; private set; } = double.PositiveInfinity;

    public override bool Matches(BsonValue value)
    {
        if (GeoJsonReader.TryReadStored(value) is { } shape) NearestRadians = Math.Min(NearestRadians, shape.DistanceTo(centre));
        return false;
    }
}
