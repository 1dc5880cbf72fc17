using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Geo;
using ActorCloud.Documents.Query;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Geo;

/// <summary>
/// One case a line: geo query, stored document, expected match. Places: Guangzhou (113.2644, 23.1291) and
/// Shenzhen (114.0579, 22.5431) are about 104.3 km apart on MongoDB's sphere.
/// </summary>
public sealed class GeoQueryTests
{
    private const string Guangzhou = "[113.2644, 23.1291]";
    private const string ShenzhenDoc = """{"loc":{"type":"Point","coordinates":[114.0579, 22.5431]}}""";
    private const string Square = """{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]}""";

    [Theory]
    // $nearSphere as a filter, meters
    [InlineData("""{"loc":{"$nearSphere":{"$geometry":{"type":"Point","coordinates":[113.2644, 23.1291]},"$maxDistance":110000}}}""", ShenzhenDoc, true)]
    [InlineData("""{"loc":{"$nearSphere":{"$geometry":{"type":"Point","coordinates":[113.2644, 23.1291]},"$maxDistance":100000}}}""", ShenzhenDoc, false)]
    [InlineData("""{"loc":{"$nearSphere":{"$geometry":{"type":"Point","coordinates":[113.2644, 23.1291]},"$maxDistance":200000,"$minDistance":105000}}}""", ShenzhenDoc, false)]
    [InlineData("""{"loc":{"$nearSphere":{"$geometry":{"type":"Point","coordinates":[113.2644, 23.1291]},"$minDistance":104000}}}""", ShenzhenDoc, true)]
    [InlineData("""{"loc":{"$near":{"$geometry":{"type":"Point","coordinates":[113.2644, 23.1291]},"$maxDistance":110000}}}""", ShenzhenDoc, true)]
    [InlineData("""{"loc":{"$nearSphere":{"$geometry":{"type":"Point","coordinates":[113.2644, 23.1291]}}}}""", """{"loc":"somewhere"}""", false)]
    [InlineData("""{"loc":{"$nearSphere":{"$geometry":{"type":"Point","coordinates":[113.2644, 23.1291]}}}}""", """{"other":1}""", false)]
    [InlineData("""{"loc":{"$nearSphere":{"$geometry":{"type":"Point","coordinates":[113.2644, 23.1291]},"$maxDistance":110000}}}""", """{"loc":[114.0579, 22.5431]}""", true)]
    // legacy $nearSphere: [lng, lat] with radians (110 km ≈ 0.01725 rad)
    [InlineData("""{"loc":{"$nearSphere":[113.2644, 23.1291],"$maxDistance":0.01725}}""", ShenzhenDoc, true)]
    [InlineData("""{"loc":{"$nearSphere":[113.2644, 23.1291],"$maxDistance":0.0150}}""", ShenzhenDoc, false)]
    // $geoWithin $centerSphere (radians), with a legacy pair or a GeoJSON point as centre
    [InlineData("""{"loc":{"$geoWithin":{"$centerSphere":[[113.2644, 23.1291], 0.01725]}}}""", ShenzhenDoc, true)]
    [InlineData("""{"loc":{"$geoWithin":{"$centerSphere":[[113.2644, 23.1291], 0.0150]}}}""", ShenzhenDoc, false)]
    [InlineData("""{"loc":{"$geoWithin":{"$centerSphere":[{"type":"Point","coordinates":[113.2644, 23.1291]}, 0.01725]}}}""", ShenzhenDoc, true)]
    [InlineData("""{"loc":{"$geoWithin":{"$centerSphere":[[113.3, 23.1], 0.001]}}}""", """{"loc":{"type":"Point","coordinates":[113.3, 23.1]}}""", true)]
    [InlineData("""{"loc":{"$geoWithin":{"$centerSphere":[[0, 0], 0.1]}}}""", """{"loc":{"type":"LineString","coordinates":[[0,0],[1,1]]}}""", true)]
    [InlineData("""{"loc":{"$geoWithin":{"$centerSphere":[[0, 0], 0.1]}}}""", """{"loc":{"type":"LineString","coordinates":[[0,0],[10,0]]}}""", false)]
    // $geoWithin $geometry Polygon (the SDK's captured triangle) and MultiPolygon
    [InlineData("""{"loc":{"$geoWithin":{"$geometry":{"type":"Polygon","coordinates":[[[0,0],[3,2],[2,3],[0,0]]]}}}}""", """{"loc":{"type":"Point","coordinates":[1.5,1.5]}}""", true)]
    [InlineData("""{"loc":{"$geoWithin":{"$geometry":{"type":"Polygon","coordinates":[[[0,0],[3,2],[2,3],[0,0]]]}}}}""", """{"loc":{"type":"Point","coordinates":[2.9,0.5]}}""", false)]
    [InlineData("""{"loc":{"$geoWithin":{"$geometry":{"type":"Polygon","coordinates":[[[0,0],[3,2],[2,3],[0,0]]]}}}}""", """{"loc":[1.5,1.5]}""", true)]
    [InlineData("""{"loc":{"$geoWithin":{"$geometry":{"type":"Polygon","coordinates":[[[0,0],[3,2],[2,3],[0,0]]]}}}}""", """{"loc":{"type":"Point","coordinates":[-178.5,-1.5]}}""", false)]
    [InlineData("""{"loc":{"$geoWithin":{"$geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,6],[5,5]]]]}}}}""", """{"loc":{"type":"Point","coordinates":[5.5,5.5]}}""", true)]
    [InlineData("""{"loc":{"$geoWithin":{"$geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,6],[5,5]]]]}}}}""", """{"loc":{"type":"Point","coordinates":[3,3]}}""", false)]
    // polygon with a hole
    [InlineData("""{"loc":{"$geoWithin":{"$geometry":""" + Square + "}}}", """{"loc":{"type":"Point","coordinates":[2,2]}}""", true)]
    [InlineData("""{"loc":{"$geoWithin":{"$geometry":""" + Square + "}}}", """{"loc":{"type":"Point","coordinates":[5,5]}}""", false)]
    [InlineData("""{"loc":{"$geoWithin":{"$geometry":""" + Square + "}}}", """{"loc":{"type":"Point","coordinates":[11,5]}}""", false)]
    [InlineData("""{"loc":{"$geoWithin":{"$geometry":""" + Square + "}}}", """{"loc":{"type":"LineString","coordinates":[[1,1],[3,1],[3,3]]}}""", true)]
    [InlineData("""{"loc":{"$geoWithin":{"$geometry":""" + Square + "}}}", """{"loc":{"type":"LineString","coordinates":[[1,5],[9,5]]}}""", false)]
    [InlineData("""{"loc":{"$geoWithin":{"$geometry":""" + Square + "}}}", """{"loc":{"type":"LineString","coordinates":[[1,1],[12,1]]}}""", false)]
    [InlineData("""{"loc":{"$geoWithin":{"$geometry":""" + Square + "}}}", """{"loc":{"type":"Polygon","coordinates":[[[1,1],[3,1],[3,3],[1,3],[1,1]]]}}""", true)]
    [InlineData("""{"loc":{"$geoWithin":{"$geometry":""" + Square + "}}}", """{"loc":{"type":"Polygon","coordinates":[[[1,1],[9,1],[9,9],[1,9],[1,1]]]}}""", false)]
    [InlineData("""{"loc":{"$geoWithin":{"$geometry":""" + Square + "}}}", """{"loc":{"type":"MultiPoint","coordinates":[[1,1],[2,2]]}}""", true)]
    [InlineData("""{"loc":{"$geoWithin":{"$geometry":""" + Square + "}}}", """{"loc":{"type":"MultiPoint","coordinates":[[1,1],[5,5]]}}""", false)]
    // $geoIntersects with any geometry
    [InlineData("""{"loc":{"$geoIntersects":{"$geometry":{"type":"LineString","coordinates":[[0,0],[2,0]]}}}}""", """{"loc":{"type":"Point","coordinates":[1,0]}}""", true)]
    [InlineData("""{"loc":{"$geoIntersects":{"$geometry":{"type":"LineString","coordinates":[[0,0],[2,0]]}}}}""", """{"loc":{"type":"Point","coordinates":[1,0.001]}}""", false)]
    [InlineData("""{"loc":{"$geoIntersects":{"$geometry":{"type":"LineString","coordinates":[[0,0],[2,0]]}}}}""", """{"loc":{"type":"LineString","coordinates":[[1,-1],[1,1]]}}""", true)]
    [InlineData("""{"loc":{"$geoIntersects":{"$geometry":{"type":"LineString","coordinates":[[0,0],[2,0]]}}}}""", """{"loc":{"type":"LineString","coordinates":[[3,-1],[3,1]]}}""", false)]
    [InlineData("""{"loc":{"$geoIntersects":{"$geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}}}""", """{"loc":{"type":"Polygon","coordinates":[[[-1,-1],[2,-1],[2,2],[-1,2],[-1,-1]]]}}""", true)]
    [InlineData("""{"loc":{"$geoIntersects":{"$geometry":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}}}}""", """{"loc":{"type":"Polygon","coordinates":[[[1,1],[3,1],[3,3],[1,3],[1,1]]]}}""", true)]
    [InlineData("""{"loc":{"$geoIntersects":{"$geometry":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}}}}""", """{"loc":{"type":"Polygon","coordinates":[[[5,5],[6,5],[6,6],[5,6],[5,5]]]}}""", false)]
    [InlineData("""{"loc":{"$geoIntersects":{"$geometry":""" + Square + "}}}", """{"loc":{"type":"Point","coordinates":[5,5]}}""", false)]
    [InlineData("""{"loc":{"$geoIntersects":{"$geometry":""" + Square + "}}}", """{"loc":{"type":"Point","coordinates":[4,5]}}""", true)]
    [InlineData("""{"loc":{"$geoIntersects":{"$geometry":""" + Square + "}}}", """{"loc":{"type":"Polygon","coordinates":[[[4.5,4.5],[5.5,4.5],[5.5,5.5],[4.5,5.5],[4.5,4.5]]]}}""", false)]
    [InlineData("""{"loc":{"$geoIntersects":{"$geometry":{"type":"Point","coordinates":[1,1]}}}}""", """{"loc":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}}""", true)]
    [InlineData("""{"loc":{"$geoIntersects":{"$geometry":{"type":"Point","coordinates":[1,1]}}}}""", """{"loc":{"type":"MultiLineString","coordinates":[[[5,5],[6,6]],[[1,0],[1,2]]]}}""", true)]
    [InlineData("""{"loc":{"$geoIntersects":{"$geometry":{"type":"Point","coordinates":[1,1]}}}}""", """{"loc":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,1]}]}}""", true)]
    // stored values that are not valid geometry never match; arrays of locations match by any element
    [InlineData("""{"loc":{"$geoIntersects":{"$geometry":{"type":"Point","coordinates":[1,1]}}}}""", """{"loc":{"type":"Point","coordinates":[1,100]}}""", false)]
    [InlineData("""{"loc":{"$geoIntersects":{"$geometry":{"type":"Point","coordinates":[1,1]}}}}""", """{"loc":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2]]]}}""", false)]
    [InlineData("""{"loc":{"$geoWithin":{"$centerSphere":[[0,0],0.1]}}}""", """{"loc":[{"type":"Point","coordinates":[50,50]},{"type":"Point","coordinates":[1,1]}]}""", true)]
    [InlineData("""{"loc":{"$geoWithin":{"$centerSphere":[[0,0],0.1]}}}""", """{"loc":[[50,50],[1,1]]}""", true)]
    [InlineData("""{"places.loc":{"$geoWithin":{"$centerSphere":[[0,0],0.1]}}}""", """{"places":[{"loc":[50,50]},{"loc":[1,1]}]}""", true)]
    [InlineData("""{"loc":{"$geoWithin":{"$centerSphere":[[0,0],0.1]}}}""", """{"loc":"0,0"}""", false)]
    [InlineData("""{"loc":{"$geoWithin":{"$centerSphere":[[0,0],0.1]}}}""", """{"loc":[0,0,0]}""", false)]
    public void Matches_like_mongodb(string query, string document, bool expected)
    {
        var filter = QueryFilter.Compile(BsonDocument.Parse(query));
        Assert.Equal(expected, filter.Matches(BsonDocument.Parse(document)));
        Assert.Equal(expected, filter.Matches(InPlace(document)));
    }

    [Theory]
    [InlineData(113.2644, 23.1291, 114.0579, 22.5431, 104_319)]
    [InlineData(116.4074, 39.9042, 121.4737, 31.2304, 1_068_500)]
    [InlineData(0, 0, 180, 0, 20_037_392)]
    [InlineData(10, 10, 10, 10, 0)]
    public void Great_circle_distance_in_meters(double lng1, double lat1, double lng2, double lat2, double expected)
    {
        Assert.Equal(expected, SphericalGeometry.DistanceMeters(new GeoPoint(lng1, lat1), new GeoPoint(lng2, lat2)), 0);
    }

    [Fact]
    public void Near_spec_exposes_centre_and_orders_by_distance()
    {
        var filter = QueryFilter.Compile(BsonDocument.Parse(
            """{"t":"x","loc":{"$nearSphere":{"$geometry":{"type":"Point","coordinates":""" + Guangzhou + """},"$maxDistance":1000000}}}"""));
        var near = Assert.IsType<NearSpec>(filter.Near);
        Assert.Equal("loc", near.Path);
        Assert.Equal(new GeoPoint(113.2644, 23.1291), near.Center);
        Assert.Equal(104_319, near.Distance(BsonDocument.Parse(ShenzhenDoc)), 0);
        Assert.Equal(0, near.Distance(BsonDocument.Parse("""{"loc":[113.2644, 23.1291]}""")), 3);
        Assert.Equal(double.PositiveInfinity, near.Distance(BsonDocument.Parse("""{"loc":"nowhere"}""")));
        var several = BsonDocument.Parse("""{"loc":[{"type":"Point","coordinates":[114.0579, 22.5431]},{"type":"Point","coordinates":[113.2644, 23.2291]}]}""");
        Assert.InRange(near.Distance(several), 11_000, 11_200);
    }

    [Fact]
    public void Near_inside_a_root_and_is_still_the_query_near()
    {
        var filter = QueryFilter.Compile(BsonDocument.Parse(
            """{"$and":[{"t":1},{"loc":{"$nearSphere":{"$geometry":{"type":"Point","coordinates":[1,2]}}}}]}"""));
        Assert.Equal(new GeoPoint(1, 2), filter.Near?.Center);
    }

    /// <summary>The document as a collection scan tests it: its stored BSON, read in place.</summary>
    private static BsonView InPlace(string document) => new(BsonBytes.Of(BsonDocument.Parse(document)));
}
