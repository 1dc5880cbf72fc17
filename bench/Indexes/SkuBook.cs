using System.Text;
using System.Text.Json;
using MongoDB.Bson;

namespace ActorCloud.Bench.Indexes;

/// <summary>
/// bench/Database's book (<see cref="BookGenerator"/>) with two top-level integers for the indexes: <c>sku</c>, unique
/// (the document's number, 0 … N−1, so an equality matches one document and a range of 50 matches 50), and <c>year</c>,
/// the publication year again (1800–2024: 225 values, ≈ 0.44 % of the collection each).
/// </summary>
public static class SkuBook
{
    public const int FirstYear = 1800;
    public const int Years = 225;

    /// <summary>Canonical EJSON, compact, as node-sdk puts each document into <c>insertDocument.data</c>.</summary>
    public static string Ejson(int sku)
    {
        var book = BookGenerator.At(sku);
        using var buffer = new MemoryStream(360);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("title", book.Title);
            w.WriteString("author", book.Author);
            w.WriteStartArray("characters");
            foreach (var character in book.Characters) w.WriteStringValue(character);
            w.WriteEndArray();
            w.WriteStartObject("publishInfo");
            Database.Ejson.WriteInt(w, "year", book.Year);
            w.WriteString("country", book.Country);
            w.WriteEndObject();
            Database.Ejson.WriteInt(w, "sku", sku);
            Database.Ejson.WriteInt(w, "year", book.Year);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The BSON ActorCloud stores for this document under a generated id (32 hex characters).</summary>
    public static byte[] Bson(int sku)
    {
        var book = BookGenerator.At(sku);
        return new BsonDocument
        {
            ["_id"] = "0123456789abcdef0123456789abcdef",
            ["title"] = book.Title,
            ["author"] = book.Author,
            ["characters"] = new BsonArray(book.Characters),
            ["publishInfo"] = new BsonDocument { ["year"] = book.Year, ["country"] = book.Country },
            ["sku"] = sku,
            ["year"] = book.Year,
        }.ToBson();
    }

    public static int YearOf(int sku) => BookGenerator.At(sku).Year;
}
