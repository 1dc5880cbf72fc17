using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Geo;
using ActorCloud.Documents.Query;
using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// <c>$geoNear</c>: the documents matching <c>query</c> whose location lies within [minDistance, maxDistance] of
/// <c>near</c>, nearest first (ties in input order), each with its distance written to <c>distanceField</c>. Distances
/// are spherical, computed from the documents themselves — no index is needed — in metres for a GeoJSON
/// <c>near</c> and in radians for a legacy <c>[lng, lat]</c> pair, as MongoDB's 2dsphere does. The location is the
/// <c>key</c> field; without one, the nearest GeoJSON object anywhere in the document (where MongoDB would use the
/// collection's only geo index). Blocking; a following <c>$limit</c> bounds how many documents are held.
/// </summary>
internal sealed class GeoNearStage : PipelineStage
{
    private const string Stage = "$geoNear";

    private readonly Options _options;
    private readonly QueryFilter _filter;
    private readonly int _keep;
    private readonly long _maxBytes;

    private GeoNearStage(Options options, QueryFilter filter, int keep, long maxBytes)
    {
        _options = options;
        _filter = filter;
        _keep = keep;
        _maxBytes = maxBytes;
    }

    /// <summary>The <c>query</c> option as written, which the host may use to narrow the source.</summary>
    public BsonDocument? Query => _options.Query;

    public static GeoNearStage Parse(BsonValue argument, PipelineVariables variables, AggregationLimits limits)
    {
        var spec = StageArguments.Object(Stage, argument);
        StageArguments.OnlyKnown(Stage, spec,
            "near", "distanceField", "spherical", "maxDistance", "minDistance", "query", "includeLocs", "distanceMultiplier", "key");
        if (!spec.TryGetValue("near", out var near)) throw StageArguments.Invalid(Stage, "'near' is required");
        if (!spec.TryGetValue("distanceField", out var distanceField)) throw StageArguments.Invalid(Stage, "'distanceField' is required");
        if (spec.TryGetValue("spherical", out var spherical)) StageArguments.Boolean(Stage, spherical, "'spherical'");
        // A GeoJSON point measures in metres on MongoDB's sphere; a legacy pair in radians.
        var unitsPerRadian = near is BsonArray ? 1 : SphericalGeometry.EarthRadiusMeters;
        var query = spec.TryGetValue("query", out var queryValue) ? StageArguments.Object(Stage, queryValue, "'query'") : null;
        var options = new Options(
            UnitVector.From(ReadNear(near)),
            unitsPerRadian,
            NonNegative(spec, "minDistance", 0) / unitsPerRadian,
            NonNegative(spec, "maxDistance", double.PositiveInfinity) / unitsPerRadian,
            NonNegative(spec, "distanceMultiplier", 1),
            StageArguments.DottedPath(Stage, distanceField, "'distanceField'"),
            spec.TryGetValue("includeLocs", out var includeLocs) ? StageArguments.DottedPath(Stage, includeLocs, "'includeLocs'") : null,
            spec.TryGetValue("key", out var key) ? StageArguments.DottedPath(Stage, key, "'key'") : null,
            query);
        var filter = query is null ? QueryFilter.MatchAll : MatchStage.CompileFilter(Stage, query, variables);
        return new GeoNearStage(options, filter, int.MaxValue, limits.MaxBufferedBytes);
    }

    public GeoNearStage Keeping(int count) => new(_options, _filter, Math.Min(_keep, count), _maxBytes);

    public override IEnumerable<BsonDocument> Apply(IEnumerable<BsonDocument> input, AggregationContext context)
    {
        var selection = new BoundedSelection<double>(Comparer<double>.Default, _keep, new BufferBudget(Stage, _maxBytes));
        foreach (var document in input)
        {
            if (!_filter.Matches(document)) continue;
            var nearest = Locate(document);
            if (nearest.Location is null || !InRange(nearest.Radians)) continue;
            var output = DocumentPaths.With(document, _options.DistanceField, nearest.Radians * _options.UnitsPerRadian * _options.Multiplier);
            if (_options.IncludeLocs is not null) output = DocumentPaths.With(output, _options.IncludeLocs, nearest.Location);
            selection.Offer(output, nearest.Radians);
        }
        foreach (var document in selection.TakeInOrder()) yield return document;
    }

    private NearestLocation Locate(BsonDocument document)
    {
        var nearest = new NearestLocation(_options.Near);
        if (_options.Key is null) SearchGeoJson(document, nearest);
        else PathTraversal.Any(document, _options.Key, nearest);
        return nearest;
    }

    private bool InRange(double radians) =>
        radians >= _options.MinRadians - SphericalGeometry.Tolerance && radians <= _options.MaxRadians + SphericalGeometry.Tolerance;

    private static GeoPoint ReadNear(BsonValue near)
    {
        try
        {
            return GeoJsonReader.ReadPointOperand(near);
        }
        catch (DocumentException error)
        {
            throw StageArguments.Invalid(Stage, $"'near' must be a GeoJSON Point or a [lng, lat] pair: {error.Message}");
        }
    }

    private static double NonNegative(BsonDocument spec, string option, double absent)
    {
        if (!spec.TryGetValue(option, out var value)) return absent;
        if (!BsonValueComparer.IsNumber(value)) throw StageArguments.Invalid(Stage, $"'{option}' must be a number");
        var number = value.BsonType == BsonType.Decimal128 ? (double)value.AsDecimal128 : value.ToDouble();
        return number >= 0 ? number : throw StageArguments.Invalid(Stage, $"'{option}' must be a non-negative number, got {number}");
    }

    /// <summary>Every GeoJSON object below the top level, through sub-documents and arrays.</summary>
    private static void SearchGeoJson(BsonDocument document, NearestLocation nearest)
    {
        foreach (var element in document) SearchValue(element.Value, nearest);
    }

    private static void SearchValue(BsonValue value, NearestLocation nearest)
    {
        switch (value)
        {
            case BsonDocument document:
                if (!nearest.Consider(document)) SearchGeoJson(document, nearest);
                break;
            case BsonArray array:
                foreach (var element in array) SearchValue(element, nearest);
                break;
        }
    }

    private sealed record Options(
        UnitVector Near,
        double UnitsPerRadian,
        double MinRadians,
        double MaxRadians,
        double Multiplier,
        string[] DistanceField,
        string[]? IncludeLocs,
        string[]? Key,
        BsonDocument? Query);

    /// <summary>Keeps the stored geometry nearest to the centre among all it is shown; never "matches", so it sees all.</summary>
    private sealed class NearestLocation(UnitVector centre) : ValueMatcher
    {
        public double Radians { get; private set; } = double.PositiveInfinity;

        public BsonValue? Location { get; private set; }

        public override bool Matches(BsonValue value)
        {
            Consider(value);
            return false;
        }

        /// <summary>Takes the value if it is geometry nearer than any before; returns whether it was geometry at all.</summary>
        public bool Consider(BsonValue value)
        {
            if (GeoJsonReader.TryReadStored(value) is not { } shape) return false;
            var distance = shape.DistanceTo(centre);
            if (distance < Radians)
            {
                Radians = distance;
                Location = value;
            }
            return true;
        }
    }
}
