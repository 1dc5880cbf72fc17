namespace ActorCloud.Documents.Geo;

/// <summary>Great-circle math on MongoDB's sphere (radius 6 378 100 m). Angles are radians unless named meters.</summary>
public static class SphericalGeometry
{
    public const double EarthRadiusMeters = 6378100;

    /// <summary>
    /// How close (in radians, about 6 mm on Earth) a point must be to count as lying on a line or boundary; exact
    /// floating-point incidence would make "point on a line" depend on rounding.
    /// </summary>
    internal const double Tolerance = 1e-9;

    public static double DistanceMeters(GeoPoint a, GeoPoint b) =>
        Angle(UnitVector.From(a), UnitVector.From(b)) * EarthRadiusMeters;

    /// <summary>Central angle between two unit vectors, stable for tiny and near-antipodal distances.</summary>
    internal static double Angle(UnitVector a, UnitVector b) => Math.Atan2(a.Cross(b).Length, a.Dot(b));

    internal static double DistanceToArc(UnitVector p, UnitVector a, UnitVector b)
    {
        var normal = a.Cross(b);
        if (normal.Length < 1e-15) return Angle(p, a);
        var n = normal.Normalized();
        var projected = p.Minus(n.Scaled(p.Dot(n)));
        if (projected.Length > 1e-15 && IsBetween(projected, a, b, n)) return Math.Abs(Math.Asin(Math.Clamp(p.Dot(n), -1, 1)));
        return Math.Min(Angle(p, a), Angle(p, b));
    }

    /// <summary>Whether arcs a–b and c–d share a point (touching counts).</summary>
    internal static bool ArcsIntersect(UnitVector a, UnitVector b, UnitVector c, UnitVector d) =>
        ArcsMeet(a, b, c, d, strict: false);

    /// <summary>Whether arcs a–b and c–d cross at a point inside both, away from their endpoints.</summary>
    internal static bool ArcsCross(UnitVector a, UnitVector b, UnitVector c, UnitVector d) =>
        ArcsMeet(a, b, c, d, strict: true);

    private static bool ArcsMeet(UnitVector a, UnitVector b, UnitVector c, UnitVector d, bool strict)
    {
        var n1 = a.Cross(b);
        var n2 = c.Cross(d);
        if (n1.Length < 1e-15 || n2.Length < 1e-15)
            return !strict && (n1.Length < 1e-15 ? DistanceToArc(a, c, d) : DistanceToArc(c, a, b)) <= Tolerance;
        var line = n1.Cross(n2);
        if (line.Length < 1e-12)
        {
            // Same great circle: they meet only by overlapping, which never counts as a proper crossing.
            return !strict && (DistanceToArc(c, a, b) <= Tolerance || DistanceToArc(d, a, b) <= Tolerance ||
                               DistanceToArc(a, c, d) <= Tolerance || DistanceToArc(b, c, d) <= Tolerance);
        }
        var x = line.Normalized();
        var m1 = n1.Normalized();
        var m2 = n2.Normalized();
        return Meets(x, a, b, c, d, m1, m2, strict) || Meets(x.Negated, a, b, c, d, m1, m2, strict);
    }

    private static bool Meets(UnitVector x, UnitVector a, UnitVector b, UnitVector c, UnitVector d, UnitVector m1, UnitVector m2, bool strict)
    {
        if (!IsBetween(x, a, b, m1) || !IsBetween(x, c, d, m2)) return false;
        if (!strict) return true;
        return Angle(x, a) > Tolerance && Angle(x, b) > Tolerance && Angle(x, c) > Tolerance && Angle(x, d) > Tolerance;
    }

    /// <summary>Whether x (on the great circle with unit normal n) lies on the short arc from a to b, with slack.</summary>
    private static bool IsBetween(UnitVector x, UnitVector a, UnitVector b, UnitVector n) =>
        a.Cross(x).Dot(n) >= -Tolerance && x.Cross(b).Dot(n) >= -Tolerance;
}
