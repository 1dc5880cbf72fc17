namespace ActorCloud.Documents.Geo;

/// <summary>
/// Any GeoJSON geometry reduced to what the predicates need: loose points, polylines and polygons (a Multi* or
/// GeometryCollection simply has several). Predicates then work component by component.
/// </summary>
internal sealed class GeoShape(UnitVector[] points, UnitVector[][] lines, SphericalPolygon[] polygons)
{
    public UnitVector[] Points { get; } = points;

    public UnitVector[][] Lines { get; } = lines;

    public SphericalPolygon[] Polygons { get; } = polygons;

    public static GeoShape Point(UnitVector point) => new([point], [], []);

    /// <summary>Every vertex: loose points, line vertices and ring vertices.</summary>
    public IEnumerable<UnitVector> Vertices()
    {
        foreach (var p in Points) yield return p;
        foreach (var line in Lines)
        {
            foreach (var v in line) yield return v;
        }
        foreach (var polygon in Polygons)
        {
            foreach (var ring in polygon.Rings)
            {
                foreach (var v in ring) yield return v;
            }
        }
    }

    /// <summary>Every edge: line segments and ring sides (rings close back to their first vertex).</summary>
    public IEnumerable<(UnitVector From, UnitVector To)> Edges()
    {
        foreach (var line in Lines)
        {
            for (var i = 0; i + 1 < line.Length; i++) yield return (line[i], line[i + 1]);
        }
        foreach (var polygon in Polygons)
        {
            foreach (var ring in polygon.Rings)
            {
                for (var i = 0; i < ring.Length; i++) yield return (ring[i], ring[(i + 1) % ring.Length]);
            }
        }
    }

    /// <summary>Whether p is one of the points, on one of the lines, or in or on one of the polygons.</summary>
    public bool Covers(UnitVector p)
    {
        foreach (var point in Points)
        {
            if (SphericalGeometry.Angle(point, p) <= SphericalGeometry.Tolerance) return true;
        }
        foreach (var line in Lines)
        {
            for (var i = 0; i + 1 < line.Length; i++)
            {
                if (SphericalGeometry.DistanceToArc(p, line[i], line[i + 1]) <= SphericalGeometry.Tolerance) return true;
            }
        }
        foreach (var polygon in Polygons)
        {
            if (polygon.Covers(p)) return true;
        }
        return false;
    }

    public bool Intersects(GeoShape other)
    {
        foreach (var (a, b) in Edges())
        {
            foreach (var (c, d) in other.Edges())
            {
                if (SphericalGeometry.ArcsIntersect(a, b, c, d)) return true;
            }
        }
        // No edges meet, so the shapes are disjoint unless one lies inside the other, which any vertex reveals.
        foreach (var v in Vertices())
        {
            if (other.Covers(v)) return true;
        }
        foreach (var v in other.Vertices())
        {
            if (Covers(v)) return true;
        }
        return false;
    }

    /// <summary>Angular distance from p to the nearest part of the shape (0 inside a polygon).</summary>
    public double DistanceTo(UnitVector p)
    {
        var best = double.PositiveInfinity;
        foreach (var point in Points) best = Math.Min(best, SphericalGeometry.Angle(point, p));
        foreach (var line in Lines)
        {
            if (line.Length == 1) best = Math.Min(best, SphericalGeometry.Angle(line[0], p));
            for (var i = 0; i + 1 < line.Length; i++) best = Math.Min(best, SphericalGeometry.DistanceToArc(p, line[i], line[i + 1]));
        }
        foreach (var polygon in Polygons)
        {
            if (polygon.Covers(p)) return 0;
            best = Math.Min(best, polygon.DistanceToBoundary(p));
        }
        return best;
    }
}
