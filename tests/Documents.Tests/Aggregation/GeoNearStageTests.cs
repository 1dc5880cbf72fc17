using ActorCloud.Documents.Geo;
using MongoDB.Bson;
using Xunit;
using static ActorCloud.Documents.Tests.Aggregation.AggregationCases;

namespace ActorCloud.Documents.Tests.Aggregation;

/// <summary>
/// <c>$geoNear</c> around Guangzhou (113.2644, 23.1291) with no index: Foshan is about 18.9 km away, Shenzhen
/// 104.3 km, Beijing 1 890.7 km (on MongoDB's sphere of radius 6 378 100 m).
/// </summary>
public sealed class GeoNearStageTests
{
    private const string Near = "{type: 'Point', coordinates: [113.2644, 23.1291]}";

    private const string Places = """
        [{_id: 'sz', loc: {type: 'Point', coordinates: [114.0579, 22.5431]}, t: 'x'},
         {_id: 'bj', loc: {type: 'Point', coordinates: [116.4074, 39.9042]}, t: 'x'},
         {_id: 'none', t: 'x'},
         {_id: 'fs', loc: {type: 'Point', coordinates: [113.1214, 23.0215]}, t: 'y'},
         {_id: 'bad', loc: {type: 'Point', coordinates: [500, 0]}, t: 'x'}]
        """;

    [Theory]
    [InlineData("distanceField: 'd'", "fs,sz,bj")]
    [InlineData("distanceField: 'd', spherical: true, maxDistance: 110000", "fs,sz")]
    [InlineData("distanceField: 'd', minDistance: 50000", "sz,bj")]
    [InlineData("distanceField: 'd', minDistance: 50000, maxDistance: 200000", "sz")]
    [InlineData("distanceField: 'd', query: {t: 'x'}", "sz,bj")]
    [InlineData("distanceField: 'd', query: {$expr: {$eq: ['$t', 'y']}}", "fs")]
    [InlineData("distanceField: 'd', key: 'loc'", "fs,sz,bj")]
    [InlineData("distanceField: 'd', key: 'nowhere'", "")]
    public void Orders_by_distance_and_filters(string options, string expectedIds) =>
        Assert.Equal(expectedIds, Ids(Run($"[{{$geoNear: {{near: {Near}, {options}}}}}]", Places)));

    [Fact]
    public void Writes_distances_in_metres_for_a_GeoJSON_point()
    {
        var result = Run($"[{{$geoNear: {{near: {Near}, distanceField: 'dist.m', includeLocs: 'at'}}}}, {{$limit: 2}}]", Places);

        Assert.Equal("fs,sz", Ids(result));
        Assert.Equal(18_919.43, result[0]["dist"]["m"].AsDouble, 0.5);
        Assert.Equal(104_319.12, result[1]["dist"]["m"].AsDouble, 0.5);
        Assert.Equal(BsonDocument.Parse("{type: 'Point', coordinates: [114.0579, 22.5431]}"), result[1]["at"]);
    }

    [Fact]
    public void Multiplies_distances()
    {
        var result = Run($"[{{$geoNear: {{near: {Near}, distanceField: 'km', distanceMultiplier: 0.001}}}}]", Places);

        Assert.Equal(1_890.69, result[2]["km"].AsDouble, 0.01);
    }

    [Fact]
    public void Measures_in_radians_for_a_legacy_pair()
    {
        const string stored = "[{_id: 'sz', loc: [114.0579, 22.5431]}, {_id: 'fs', loc: [113.1214, 23.0215]}]";

        var result = Run("[{$geoNear: {near: [113.2644, 23.1291], distanceField: 'd', key: 'loc', maxDistance: 0.01}}]", stored);

        Assert.Equal("fs", Ids(result));
        Assert.Equal(18_919.43 / SphericalGeometry.EarthRadiusMeters, result[0]["d"].AsDouble, 1e-7);
    }

    [Theory]
    // Without a key, any GeoJSON object in the document counts, the nearest one wins.
    [InlineData("[{_id: 1, addr: {pt: {type: 'Point', coordinates: [114.0579, 22.5431]}}}]", 104_319.12)]
    [InlineData("[{_id: 1, a: {type: 'Point', coordinates: [116.4074, 39.9042]}, b: [{type: 'Point', coordinates: [113.1214, 23.0215]}]}]", 18_919.43)]
    [InlineData("[{_id: 1, route: {type: 'LineString', coordinates: [[113.2644, 23.0], [113.2644, 23.5]]}}]", 0)]
    public void Finds_the_location_without_a_key(string documents, double metres)
    {
        var result = Run($"[{{$geoNear: {{near: {Near}, distanceField: 'd'}}}}]", documents);

        Assert.Equal(metres, Assert.Single(result)["d"].AsDouble, 0.5);
    }

    [Fact]
    public void A_key_picks_one_of_several_locations()
    {
        const string documents = """
            [{_id: 1, home: {type: 'Point', coordinates: [113.1214, 23.0215]}, work: {type: 'Point', coordinates: [116.4074, 39.9042]}},
             {_id: 2, home: {type: 'Point', coordinates: [116.4074, 39.9042]}, work: [{type: 'Point', coordinates: [114.0579, 22.5431]}]}]
            """;

        Assert.Equal("1,2", Ids(Run($"[{{$geoNear: {{near: {Near}, distanceField: 'd', key: 'home'}}}}]", documents)));
        Assert.Equal("2,1", Ids(Run($"[{{$geoNear: {{near: {Near}, distanceField: 'd', key: 'work'}}}}]", documents)));
    }

    [Fact]
    public void Equal_distances_keep_input_order_with_and_without_a_limit()
    {
        const string documents = "[{_id: 1, loc: [1, 1]}, {_id: 2, loc: [1, 1]}, {_id: 3, loc: [0, 0]}, {_id: 4, loc: [1, 1]}]";

        Assert.Equal("3,1,2,4", Ids(Run("[{$geoNear: {near: [0, 0], distanceField: 'd', key: 'loc'}}]", documents)));
        Assert.Equal("3,1", Ids(Run("[{$geoNear: {near: [0, 0], distanceField: 'd', key: 'loc'}}, {$limit: 2}]", documents)));
        Assert.Equal("2,4", Ids(Run("[{$geoNear: {near: [0, 0], distanceField: 'd', key: 'loc'}}, {$skip: 2}, {$limit: 5}]", documents)));
    }
}
