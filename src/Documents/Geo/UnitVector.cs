namespace ActorCloud.Documents.Geo;

/// <summary>A point on the unit sphere as a 3-D vector; spherical predicates become dot and cross products.</summary>
internal readonly record struct UnitVector(double X, double Y, double Z)
{
    public static UnitVector From(GeoPoint point)
    {
        var lat = point.Latitude * Math.PI / 180;
        var lng = point.Longitude * Math.PI / 180;
        var cosLat = Math.Cos(lat);
        return new UnitVector(cosLat * Math.Cos(lng), cosLat * Math.Sin(lng), Math.Sin(lat));
    }

    public double Dot(UnitVector other) => X * other.X + Y * other.Y + Z * other.Z;

    public UnitVector Cross(UnitVector other) =>
        new(Y * other.Z - Z * other.Y, Z * other.X - X * other.Z, X * other.Y - Y * other.X);

    public double Length => Math.Sqrt(X * X + Y * Y + Z * Z);

    public UnitVector Normalized()
    {
        var length = Length;
        return new UnitVector(X / length, Y / length, Z / length);
    }

    public UnitVector Negated => new(-X, -Y, -Z);

    public UnitVector Minus(UnitVector other) => new(X - other.X, Y - other.Y, Z - other.Z);

    public UnitVector Scaled(double factor) => new(X * factor, Y * factor, Z * factor);

    public UnitVector Plus(UnitVector other) => new(X + other.X, Y + other.Y, Z + other.Z);
}
