using ActorCloud.Documents.Geo;
using ActorCloud.Documents.Query;
using MongoDB.Bson;

namespace ActorCloud.Documents.Indexes;

/// <summary>
/// What a <c>2dsphere</c> index files and how a geo query finds its candidates in it. A stored point is filed under its
/// cell of a 2^26 × 2^26 longitude/latitude grid (≈ 0.6 m at the equator), numbered in Z-order so that every coarser
/// cell is one contiguous range of keys; any other geometry is filed under <see cref="Anywhere"/>, which every geo scan
/// reads. A query's region is bounded by a spherical cap, the cap by a longitude/latitude box, the box by at most
/// about 9 × 9 cells of a level chosen to fit it — candidates only: every one still goes through the whole filter, so a
/// covering can only be too large, never too small.
/// </summary>
internal static class GeoCells
{
    private const int Levels = 26;

    /// <summary>The key of every stored geometry that is not a single point.</summary>
    public static readonly BsonInt64 Anywhere = new(-1);

    /// <summary>
    /// The keys of a stored value: its cell or <see cref="Anywhere"/> when it is a geometry, each element's when it is an
    /// array of geometries (the geo operators look into arrays the same way), else null (no geo operator matches it).
    /// </summary>
    public static IEnumerable<BsonValue> KeysOf(BsonValue value)
    {
        if (KeyOf(value) is { } key) return [key];
        if (value is BsonArray array) return array.Select(element => KeyOf(element) ?? BsonNull.Value);
        return [BsonNull.Value];
    }

    /// <summary>Key ranges holding every point the condition on an indexed field can match; null when it cannot be bounded.</summary>
    public static IReadOnlyList<(long Low, long High)>? Covering(BsonValue condition)
    {
        if (condition is not BsonDocument operators || BoundingCap(operators) is not { } cap || cap.Radians >= Math.PI / 2 * 0.9)
            return null;
        var ranges = new List<(long Low, long High)>();
        foreach (var (west, south, east, north) in Boxes(cap.Centre, cap.Radians))
            ranges.AddRange(CellRanges(west, south, east, north));
        ranges.Sort();
        var merged = new List<(long Low, long High)>();
        foreach (var range in ranges)
        {
            if (merged.Count > 0 && range.Low <= merged[^1].High + 1) merged[^1] = (merged[^1].Low, Math.Max(merged[^1].High, range.High));
            else merged.Add(range);
        }
        return merged;
    }

    private static BsonValue? KeyOf(BsonValue value) => GeoJsonReader.TryReadStored(value) switch
    {
        { Points: [var point], Lines: [], Polygons: [] } => new BsonInt64(CellOf(point)),
        { } => Anywhere,
        null => null,
    };

    private static long CellOf(UnitVector point)
    {
        var lat = Math.Asin(Math.Clamp(point.Z, -1, 1)) * 180 / Math.PI;
        var lng = Math.Atan2(point.Y, point.X) * 180 / Math.PI;
        return Interleave(GridX(lng, Levels), GridY(lat, Levels));
    }

    private static long GridX(double lng, int level) => Math.Clamp((long)Math.Floor((lng + 180) / 360 * (1L << level)), 0, (1L << level) - 1);

    private static long GridY(double lat, int level) => Math.Clamp((long)Math.Floor((lat + 90) / 180 * (1L << level)), 0, (1L << level) - 1);

    /// <summary>Z-order: the bits of x and y alternate, so a cell's descendants are the keys sharing its prefix.</summary>
    private static long Interleave(long x, long y)
    {
        long z = 0;
        for (var bit = 0; bit < Levels; bit++) z |= ((x >> bit) & 1) << (2 * bit) | ((y >> bit) & 1) << (2 * bit + 1);
        return z;
    }

    /// <summary>A cap around the region the operator asks about (<c>$nearSphere</c> needs a <c>$maxDistance</c>).</summary>
    private static (UnitVector Centre, double Radians)? BoundingCap(BsonDocument operators)
    {
        if (operators.Contains("crs")) return null;
        foreach (var element in operators)
        {
            switch (element.Name)
            {
                case "$nearSphere" or "$near":
                    var (matcher, centre) = GeoOperatorCompiler.Near(element.Name, element.Value,
                        operators.GetValue("$maxDistance", null), operators.GetValue("$minDistance", null));
                    return double.IsFinite(matcher.MaxRadians) ? (UnitVector.From(centre), matcher.MaxRadians) : null;
                case "$geoWithin" when element.Value is BsonDocument within && within.ElementCount == 1:
                    if (within.GetElement(0) is { Name: "$centerSphere", Value: BsonArray { Count: 2 } sphere })
                        return (UnitVector.From(GeoJsonReader.ReadPointOperand(sphere[0])), sphere[1].ToDouble());
                    return within.GetElement(0).Name == "$geometry" ? CapAround(GeoJsonReader.ReadOperand(within[0])) : null;
                case "$geoIntersects" when element.Value is BsonDocument intersects && intersects.ElementCount == 1 && intersects.Contains("$geometry"):
                    return CapAround(GeoJsonReader.ReadOperand(intersects["$geometry"]));
            }
        }
        return null;
    }

    /// <summary>
    /// The cap centred on a shape's vertices and reaching the farthest. Under 90° a cap is convex, so the edges between
    /// the vertices, and the smaller area they enclose, stay inside it.
    /// </summary>
    private static (UnitVector Centre, double Radians)? CapAround(GeoShape shape)
    {
        var vertices = shape.Vertices().ToList();
        var sum = vertices.Aggregate(new UnitVector(0, 0, 0), (total, v) => total.Plus(v));
        if (vertices.Count == 0 || sum.Length < 1e-9) return null;
        var centre = sum.Normalized();
        return (centre, vertices.Max(v => Math.Acos(Math.Clamp(centre.Dot(v), -1, 1))));
    }

    /// <summary>The longitude/latitude boxes (two when it crosses the antimeridian) holding a cap, with a little margin.</summary>
    private static IEnumerable<(double West, double South, double East, double North)> Boxes(UnitVector centre, double radians)
    {
        const double margin = 1e-6;
        var lat = Math.Asin(Math.Clamp(centre.Z, -1, 1)) * 180 / Math.PI;
        var lng = Math.Atan2(centre.Y, centre.X) * 180 / Math.PI;
        var reach = radians * 180 / Math.PI + margin;
        var (south, north) = (lat - reach, lat + reach);
        var ratio = Math.Sin(radians) / Math.Cos(lat * Math.PI / 180);
        if (south <= -90 || north >= 90 || ratio >= 1)
        {
            yield return (-180, Math.Max(south, -90), 180, Math.Min(north, 90));
            yield break;
        }
        var spread = Math.Asin(ratio) * 180 / Math.PI + margin;
        var (west, east) = (lng - spread, lng + spread);
        if (west < -180)
        {
            yield return (west + 360, south, 180, north);
            west = -180;
        }
        if (east > 180)
        {
            yield return (-180, south, east - 360, north);
            east = 180;
        }
        yield return (west, south, east, north);
    }

    /// <summary>The key ranges of the cells covering a box, at the finest level where it spans at most about 8 cells a side.</summary>
    private static IEnumerable<(long Low, long High)> CellRanges(double west, double south, double east, double north)
    {
        var level = Levels;
        while (level > 0 && ((east - west) / 360 * (1L << level) > 8 || (north - south) / 180 * (1L << level) > 8)) level--;
        var shift = 2 * (Levels - level);
        for (var x = GridX(west, level); x <= GridX(east, level); x++)
        {
            for (var y = GridY(south, level); y <= GridY(north, level); y++)
            {
                var prefix = Interleave(x, y);
                yield return (prefix << shift, ((prefix + 1) << shift) - 1);
            }
        }
    }
}
