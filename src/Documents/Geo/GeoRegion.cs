namespace ActorCloud.Documents.Geo;

/// <summary>The area a <c>$geoWithin</c> asks about.</summary>
internal abstract class GeoRegion
{
    public abstract bool Contains(GeoShape shape);
}

/// <summary>
/// <c>$geometry</c> Polygon/MultiPolygon: a shape is within when all its vertices are covered, none of its edges
/// crosses the region's boundary, and no hole of the region lies inside one of its polygons.
/// </summary>
internal sealed class PolygonRegion(GeoShape area) : GeoRegion
{
    public override bool Contains(GeoShape shape)
    {
        foreach (var vertex in shape.Vertices())
        {
            if (!area.Covers(vertex)) return false;
        }
        foreach (var (a, b) in shape.Edges())
        {
            foreach (var (c, d) in area.Edges())
            {
                if (SphericalGeometry.ArcsCross(a, b, c, d)) return false;
            }
        }
        foreach (var region in area.Polygons)
        {
            for (var hole = 1; hole < region.Rings.Length; hole++)
            {
                foreach (var stored in shape.Polygons)
                {
                    if (stored.ContainsInterior(region.Rings[hole][0])) return false;
                }
            }
        }
        return true;
    }
}

/// <summary><c>$centerSphere</c>: a spherical cap; caps up to a hemisphere are convex, so vertices decide.</summary>
internal sealed class CapRegion(UnitVector centre, double radiusRadians) : GeoRegion
{
    public override bool Contains(GeoShape shape)
    {
        foreach (var vertex in shape.Vertices())
        {
            if (SphericalGeometry.Angle(centre, vertex) > radiusRadians + SphericalGeometry.Tolerance) return false;
        }
        return true;
    }
}
