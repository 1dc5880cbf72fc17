using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Geo;

/// <summary>
/// Reads GeoJSON (<c>{type, coordinates}</c>, positions as <c>[lng, lat]</c>) and legacy <c>[lng, lat]</c> pairs.
/// Stored values that are not valid geometry are simply not geo; query operands that are not valid are refused.
/// </summary>
internal static class GeoJsonReader
{
    /// <summary>A stored field value as geometry: a GeoJSON object or a legacy coordinate pair.</summary>
    public static GeoShape? TryReadStored(BsonValue value) => value.BsonType switch
    {
        BsonType.Document => TryRead(value.AsBsonDocument, out _),
        BsonType.Array => TryPosition(value, out var point, out _) && value.AsBsonArray.Count == 2 ? GeoShape.Point(point) : null,
        _ => null,
    };

    /// <summary>A query's <c>$geometry</c> operand; throws INVALID_PARAM with the reason when it is not valid GeoJSON.</summary>
    public static GeoShape ReadOperand(BsonValue value)
    {
        if (value.BsonType != BsonType.Document) throw DocumentException.InvalidParam("$geometry must be a GeoJSON object");
        return TryRead(value.AsBsonDocument, out var error) ?? throw DocumentException.InvalidParam($"invalid GeoJSON geometry: {error}");
    }

    /// <summary>A point given as GeoJSON Point or legacy pair; throws INVALID_PARAM otherwise.</summary>
    public static GeoPoint ReadPointOperand(BsonValue value)
    {
        var coordinates = value;
        if (value.BsonType == BsonType.Document)
        {
            var doc = value.AsBsonDocument;
            if (!doc.TryGetValue("type", out var type) || type != "Point" || !doc.TryGetValue("coordinates", out coordinates))
                throw DocumentException.InvalidParam("expected a GeoJSON Point");
        }
        if (!TryPosition(coordinates, out _, out var error) || coordinates.AsBsonArray.Count != 2)
            throw DocumentException.InvalidParam($"invalid point: {error ?? "expected [lng, lat]"}");
        return new GeoPoint(coordinates[0].ToDouble(), coordinates[1].ToDouble());
    }

    private static GeoShape? TryRead(BsonDocument doc, out string? error)
    {
        error = null;
        if (!doc.TryGetValue("type", out var type) || type.BsonType != BsonType.String)
        {
            error = "missing 'type'";
            return null;
        }
        if (type.AsString == "GeometryCollection") return TryReadCollection(doc, out error);
        if (!doc.TryGetValue("coordinates", out var coordinates) || coordinates.BsonType != BsonType.Array)
        {
            error = "missing 'coordinates' array";
            return null;
        }
        var points = new List<UnitVector>();
        var lines = new List<UnitVector[]>();
        var polygons = new List<SphericalPolygon>();
        var ok = type.AsString switch
        {
            "Point" => TryPosition(coordinates, out var p, out error) && Add(points, p),
            "MultiPoint" => TryEach(coordinates, (BsonValue c, out string? e) => TryPosition(c, out var p, out e) && Add(points, p), out error),
            "LineString" => TryLine(coordinates, lines, out error),
            "MultiLineString" => TryEach(coordinates, (BsonValue c, out string? e) => TryLine(c, lines, out e), out error),
            "Polygon" => TryPolygon(coordinates, polygons, out error),
            "MultiPolygon" => TryEach(coordinates, (BsonValue c, out string? e) => TryPolygon(c, polygons, out e), out error),
            _ => Fail($"unknown GeoJSON type '{type.AsString}'", out error),
        };
        return ok ? new GeoShape([.. points], [.. lines], [.. polygons]) : null;
    }

    private static GeoShape? TryReadCollection(BsonDocument doc, out string? error)
    {
        error = null;
        if (!doc.TryGetValue("geometries", out var geometries) || geometries.BsonType != BsonType.Array)
        {
            error = "GeometryCollection needs a 'geometries' array";
            return null;
        }
        var points = new List<UnitVector>();
        var lines = new List<UnitVector[]>();
        var polygons = new List<SphericalPolygon>();
        foreach (var geometry in geometries.AsBsonArray)
        {
            var part = geometry.BsonType == BsonType.Document ? TryRead(geometry.AsBsonDocument, out error) : null;
            if (part is null)
            {
                error ??= "GeometryCollection members must be GeoJSON objects";
                return null;
            }
            points.AddRange(part.Points);
            lines.AddRange(part.Lines);
            polygons.AddRange(part.Polygons);
        }
        return new GeoShape([.. points], [.. lines], [.. polygons]);
    }

    private static bool TryPosition(BsonValue value, out UnitVector point, out string? error)
    {
        point = default;
        error = null;
        if (value.BsonType != BsonType.Array || value.AsBsonArray.Count < 2 ||
            !BsonValueComparer.IsNumber(value[0]) || !BsonValueComparer.IsNumber(value[1]))
            return Fail("a position must be [lng, lat] numbers", out error);
        var lng = value[0].ToDouble();
        var lat = value[1].ToDouble();
        if (!(lng is >= -180 and <= 180) || !(lat is >= -90 and <= 90))
            return Fail($"longitude/latitude out of bounds: [{lng}, {lat}]", out error);
        point = UnitVector.From(new GeoPoint(lng, lat));
        return true;
    }

    private static bool TryLine(BsonValue value, List<UnitVector[]> lines, out string? error)
    {
        if (!TryPositions(value, out var vertices, out error)) return false;
        if (vertices.Length < 2) return Fail("a LineString needs at least 2 positions", out error);
        lines.Add(vertices);
        return true;
    }

    private static bool TryPolygon(BsonValue value, List<SphericalPolygon> polygons, out string? error)
    {
        error = null;
        if (value.BsonType != BsonType.Array || value.AsBsonArray.Count == 0) return Fail("a Polygon needs at least one ring", out error);
        var rings = new UnitVector[value.AsBsonArray.Count][];
        for (var i = 0; i < rings.Length; i++)
        {
            if (!TryPositions(value[i], out var ring, out error)) return false;
            if (ring.Length < 4) return Fail("a Polygon ring needs at least 4 positions", out error);
            if (!AreSamePosition(value[i][0], value[i][ring.Length - 1]))
                return Fail("a Polygon ring must be closed (first and last positions equal)", out error);
            rings[i] = ring[..^1];
        }
        polygons.Add(new SphericalPolygon(rings));
        return true;
    }

    private static bool AreSamePosition(BsonValue a, BsonValue b) => a[0].ToDouble() == b[0].ToDouble() && a[1].ToDouble() == b[1].ToDouble();

    private static bool TryPositions(BsonValue value, out UnitVector[] vertices, out string? error)
    {
        vertices = [];
        error = null;
        if (value.BsonType != BsonType.Array) return Fail("expected an array of positions", out error);
        var items = value.AsBsonArray;
        var result = new UnitVector[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            if (!TryPosition(items[i], out result[i], out error)) return false;
        }
        vertices = result;
        return true;
    }

    private delegate bool MemberReader(BsonValue value, out string? error);

    private static bool TryEach(BsonValue value, MemberReader read, out string? error)
    {
        error = null;
        if (value.BsonType != BsonType.Array) return Fail("expected an array", out error);
        foreach (var item in value.AsBsonArray)
        {
            if (!read(item, out error)) return false;
        }
        return true;
    }

    private static bool Add(List<UnitVector> points, UnitVector point)
    {
        points.Add(point);
        return true;
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }
}
