namespace ActorCloud.Documents.Geo;

/// <summary>
/// A GeoJSON polygon on the sphere: an outer ring and optional holes, each stored without the repeated closing
/// vertex. Like MongoDB's default (non "big polygon") reading, the interior is the region smaller than a hemisphere.
/// </summary>
internal sealed class SphericalPolygon
{
    private readonly UnitVector[] _ringCentres;

    public SphericalPolygon(UnitVector[][] rings)
    {
        Rings = rings;
        _ringCentres = new UnitVector[rings.Length];
        for (var i = 0; i < rings.Length; i++) _ringCentres[i] = RingCentre(rings[i]);
    }

    /// <summary>Ring 0 is the shell, the rest are holes; each ring lists its vertices once, implicitly closed.</summary>
    public UnitVector[][] Rings { get; }

    /// <summary>Inside or on the boundary (points on a hole's edge are on the polygon's boundary too).</summary>
    public bool Covers(UnitVector p)
    {
        foreach (var ring in Rings)
        {
            if (IsOnRing(ring, p)) return true;
        }
        if (!IsInsideRing(0, p)) return false;
        for (var i = 1; i < Rings.Length; i++)
        {
            if (IsInsideRing(i, p)) return false;
        }
        return true;
    }

    /// <summary>Strictly inside: covered and not on any ring.</summary>
    public bool ContainsInterior(UnitVector p)
    {
        foreach (var ring in Rings)
        {
            if (IsOnRing(ring, p)) return false;
        }
        return Covers(p);
    }

    public double DistanceToBoundary(UnitVector p)
    {
        var best = double.PositiveInfinity;
        foreach (var ring in Rings)
        {
            for (var i = 0; i < ring.Length; i++)
                best = Math.Min(best, SphericalGeometry.DistanceToArc(p, ring[i], ring[(i + 1) % ring.Length]));
        }
        return best;
    }

    private static bool IsOnRing(UnitVector[] ring, UnitVector p)
    {
        for (var i = 0; i < ring.Length; i++)
        {
            if (SphericalGeometry.DistanceToArc(p, ring[i], ring[(i + 1) % ring.Length]) <= SphericalGeometry.Tolerance) return true;
        }
        return false;
    }

    /// <summary>
    /// Winding test: the angles the ring's edges subtend at p sum to ±2π when the ring separates p from its
    /// antipode. Of those two, the inside one is on the ring's side of the sphere.
    /// </summary>
    private bool IsInsideRing(int ringIndex, UnitVector p)
    {
        if (p.Dot(_ringCentres[ringIndex]) <= 0) return false;
        var ring = Rings[ringIndex];
        var winding = 0.0;
        for (var i = 0; i < ring.Length; i++)
        {
            var from = Tangent(ring[i], p);
            var to = Tangent(ring[(i + 1) % ring.Length], p);
            winding += Math.Atan2(p.Dot(from.Cross(to)), from.Dot(to));
        }
        return Math.Abs(winding) > Math.PI;
    }

    private static UnitVector Tangent(UnitVector v, UnitVector p) => v.Minus(p.Scaled(v.Dot(p)));

    private static UnitVector RingCentre(UnitVector[] ring)
    {
        var sum = new UnitVector(0, 0, 0);
        foreach (var vertex in ring) sum = sum.Plus(vertex);
        return sum.Length < 1e-12 ? ring[0] : sum.Normalized();
    }
}
