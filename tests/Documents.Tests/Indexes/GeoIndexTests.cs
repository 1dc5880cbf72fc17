using ActorCloud.Documents.Indexes;
using ActorCloud.Documents.Query;
using ActorCloud.Documents.Sorting;
using ActorCloud.Documents.Storage;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Indexes;

/// <summary>
/// A <c>2dsphere</c> index narrows geo queries to the cells around their region and answers exactly as a collection
/// scan does, also across the antimeridian, near the poles, for stored shapes that are not points and for arrays of
/// points.
/// </summary>
public sealed class GeoIndexTests
{
    private static readonly string[] Queries =
    [
        """{"loc": {"$nearSphere": {"$geometry": {"type": "Point", "coordinates": [116.4, 39.9]}, "$maxDistance": 500000}}}""",
        """{"loc": {"$nearSphere": {"$geometry": {"type": "Point", "coordinates": [179.5, -10]}, "$maxDistance": 300000}}}""",
        """{"loc": {"$nearSphere": {"$geometry": {"type": "Point", "coordinates": [-179.9, 0]}, "$maxDistance": 50000, "$minDistance": 1000}}}""",
        """{"loc": {"$nearSphere": {"$geometry": {"type": "Point", "coordinates": [10, 89.5]}, "$maxDistance": 200000}}}""",
        """{"loc": {"$nearSphere": [2.35, 48.85], "$maxDistance": 0.05}}""",
        """{"loc": {"$geoWithin": {"$centerSphere": [[-73.97, 40.77], 0.03]}}}""",
        """{"loc": {"$geoWithin": {"$centerSphere": [[0, -89], 0.1]}}}""",
        """{"loc": {"$geoWithin": {"$geometry": {"type": "Polygon", "coordinates": [[[100, 20], [125, 20], [125, 45], [100, 45], [100, 20]]]}}}}""",
        """{"loc": {"$geoWithin": {"$geometry": {"type": "Polygon", "coordinates": [[[170, -20], [-170, -20], [-170, 10], [170, 10], [170, -20]]]}}}}""",
        """{"loc": {"$geoIntersects": {"$geometry": {"type": "Polygon", "coordinates": [[[-5, 35], [20, 35], [20, 60], [-5, 60], [-5, 35]]]}}}}""",
        """{"loc": {"$nearSphere": {"$geometry": {"type": "Point", "coordinates": [116.4, 39.9]}, "$maxDistance": 800000}}, "n": {"$lt": 50}}""",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Indexed_geo_queries_answer_as_a_scan_and_read_fewer_documents(int seed)
    {
        var random = new Random(seed);
        var store = new DocumentStore();
        for (var i = 0; i < 3000; i++) store.Put(RandomDocument(random, i));
        var indexes = new IndexSet();
        var spec = IndexSpec.Create("loc_2dsphere", [("loc", "2dsphere")], unique: false);
        indexes.CheckNew(spec, store.All(), "places");
        indexes.Create(spec, store.Slots());

        foreach (var query in Queries)
        {
            var filter = QueryFilter.Compile(BsonDocument.Parse(query));
            var plain = QueryExecutor.Find(store, filter, SortSpec.None, 0, 10_000);
            var indexed = QueryExecutor.Find(store, filter, SortSpec.None, 0, 10_000, indexes.Snapshot());
            Assert.True(plain.Count > 0, $"{query} matches something in the data");
            if (filter.Near is not null) Assert.Equal(Ids(plain), Ids(indexed));
            else Assert.Equal(Ids(plain).Order(), Ids(indexed).Order());
            var explained = QueryExecutor.Explain(store, filter, SortSpec.None, 0, 10_000, indexes);
            Assert.Equal(("IXSCAN", "loc_2dsphere"), (explained.Plan, explained.Index));
            Assert.True(explained.DocsExamined < 3000 / 2, $"{query}: read {explained.DocsExamined} of 3000");
            Assert.Equal(QueryExecutor.Count(store, filter), QueryExecutor.Count(store, filter, indexes));
        }
    }

    [Fact]
    public void A_near_query_without_a_maximum_distance_scans_and_still_answers()
    {
        var store = new DocumentStore();
        var random = new Random(3);
        for (var i = 0; i < 200; i++) store.Put(RandomDocument(random, i));
        var indexes = new IndexSet();
        indexes.Create(IndexSpec.Create("loc_2dsphere", [("loc", "2dsphere")], unique: false), store.Slots());
        var filter = QueryFilter.Compile(BsonDocument.Parse("""{"loc": {"$nearSphere": {"$geometry": {"type": "Point", "coordinates": [0, 0]}}}}"""));

        Assert.Equal("COLLSCAN", QueryExecutor.Explain(store, filter, SortSpec.None, 0, 20, indexes).Plan);
        Assert.Equal(Ids(QueryExecutor.Find(store, filter, SortSpec.None, 0, 20)), Ids(QueryExecutor.Find(store, filter, SortSpec.None, 0, 20, indexes)));
    }

    /// <summary>Mostly points clustered around a few cities and the awkward places; some shapes, arrays, nothing.</summary>
    private static BsonDocument RandomDocument(Random random, int id)
    {
        (double Lng, double Lat)[] centres = [(116.4, 39.9), (179.8, -10), (-179.8, 0.1), (10, 89.6), (2.35, 48.85), (-73.97, 40.77), (0, -89.5), (112, 30)];
        BsonArray Point()
        {
            var (lng, lat) = centres[random.Next(centres.Length)];
            lng += (random.NextDouble() - 0.5) * 10;
            lat = Math.Clamp(lat + (random.NextDouble() - 0.5) * 6, -90, 90);
            if (lng > 180) lng -= 360;
            if (lng < -180) lng += 360;
            return [lng, lat];
        }
        BsonValue location = random.Next(20) switch
        {
            0 => BsonNull.Value,
            1 => new BsonDocument { { "type", "LineString" }, { "coordinates", new BsonArray { Point(), Point() } } },
            2 => new BsonArray { new BsonDocument { { "type", "Point" }, { "coordinates", Point() } }, new BsonDocument { { "type", "Point" }, { "coordinates", Point() } } },
            3 => "not a place",
            < 12 => new BsonDocument { { "type", "Point" }, { "coordinates", Point() } },
            _ => Point(),
        };
        var document = new BsonDocument { { "_id", id }, { "n", random.Next(100) } };
        if (random.Next(30) != 0) document["loc"] = location;
        return document;
    }

    private static List<int> Ids(IEnumerable<BsonDocument> documents) => [.. documents.Select(d => d["_id"].AsInt32)];
}
