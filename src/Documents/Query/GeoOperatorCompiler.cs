using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Geo;
using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

/// <summary>Validates the operands of <c>$geoWithin</c>, <c>$geoIntersects</c> and <c>$nearSphere</c>/<c>$near</c>.</summary>
internal static class GeoOperatorCompiler
{
    public static ValueMatcher Within(BsonValue operand)
    {
        var spec = SingleOperatorDocument("$geoWithin", operand);
        switch (spec.Name)
        {
            case "$geometry":
                var area = GeoJsonReader.ReadOperand(spec.Value);
                if (area.Polygons.Length == 0 || area.Points.Length > 0 || area.Lines.Length > 0)
                    throw DocumentException.InvalidParam("$geoWithin $geometry must be a Polygon or MultiPolygon");
                return new GeoWithinMatcher(new PolygonRegion(area));
            case "$centerSphere":
                if (spec.Value.BsonType != BsonType.Array || spec.Value.AsBsonArray.Count != 2)
                    throw DocumentException.InvalidParam("$centerSphere needs [[lng, lat], radiusInRadians]");
                var centre = UnitVector.From(GeoJsonReader.ReadPointOperand(spec.Value[0]));
                var radius = NonNegative("$centerSphere radius", spec.Value[1]);
                return new GeoWithinMatcher(new CapRegion(centre, radius));
            default:
                throw DocumentException.InvalidParam($"$geoWithin does not support {spec.Name} (use $geometry or $centerSphere)");
        }
    }

    public static ValueMatcher Intersects(BsonValue operand)
    {
        var spec = SingleOperatorDocument("$geoIntersects", operand);
        if (spec.Name != "$geometry") throw DocumentException.InvalidParam("$geoIntersects needs {$geometry: …}");
        return new GeoIntersectsMatcher(GeoJsonReader.ReadOperand(spec.Value));
    }

    /// <summary>
    /// <c>{$geometry: Point, $maxDistance?, $minDistance?}</c> in meters, or the legacy <c>[lng, lat]</c> with
    /// sibling distances in radians (<c>$nearSphere</c> only: legacy <c>$near</c> is planar and needs a 2d index).
    /// </summary>
    public static (NearMatcher Matcher, GeoPoint Centre) Near(string name, BsonValue operand, BsonValue? siblingMax, BsonValue? siblingMin)
    {
        GeoPoint centre;
        double metersOrRadians;
        BsonValue? max = siblingMax, min = siblingMin;
        if (operand is BsonDocument spec && spec.Contains("$geometry"))
        {
            foreach (var element in spec)
            {
                switch (element.Name)
                {
                    case "$geometry": break;
                    case "$maxDistance": max = element.Value; break;
                    case "$minDistance": min = element.Value; break;
                    default: throw DocumentException.InvalidParam($"{name} does not accept {element.Name}");
                }
            }
            centre = GeoJsonReader.ReadPointOperand(spec["$geometry"]);
            metersOrRadians = SphericalGeometry.EarthRadiusMeters;
        }
        else if (operand is BsonDocument point && point.Contains("type"))
        {
            centre = GeoJsonReader.ReadPointOperand(point);
            metersOrRadians = SphericalGeometry.EarthRadiusMeters;
        }
        else if (operand.BsonType == BsonType.Array && name == "$nearSphere")
        {
            centre = GeoJsonReader.ReadPointOperand(operand);
            metersOrRadians = 1;
        }
        else
        {
            throw DocumentException.InvalidParam($"{name} needs {{$geometry: {{type: \"Point\", coordinates: [lng, lat]}}}}");
        }
        var maxRadians = max is null ? double.PositiveInfinity : NonNegative("$maxDistance", max) / metersOrRadians;
        var minRadians = min is null ? 0 : NonNegative("$minDistance", min) / metersOrRadians;
        return (new NearMatcher(UnitVector.From(centre), minRadians, maxRadians), centre);
    }

    private static BsonElement SingleOperatorDocument(string name, BsonValue operand)
    {
        if (operand.BsonType != BsonType.Document || operand.AsBsonDocument.ElementCount == 0)
            throw DocumentException.InvalidParam($"{name} needs an object such as {{$geometry: …}}");
        var doc = operand.AsBsonDocument;
        foreach (var element in doc)
        {
            if (element.Name != "crs" && element != doc.GetElement(0))
                throw DocumentException.InvalidParam($"{name} takes a single shape specifier, got {element.Name} too");
        }
        return doc.GetElement(0);
    }

    private static double NonNegative(string what, BsonValue value)
    {
        if (!BsonValueComparer.IsNumber(value)) throw DocumentException.InvalidParam($"{what} must be a number");
        var d = value.ToDouble();
        if (double.IsNaN(d) || d < 0) throw DocumentException.InvalidParam($"{what} must be a non-negative number");
        return d;
    }
}
