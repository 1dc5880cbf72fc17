using System.Text;
using System.Text.Json;
using MongoDB.Bson;

namespace ActorCloud.Bench.Database;

/// <summary>A document shaped like the seed's <c>books</c> records.</summary>
public sealed record Book(string Title, string Author, string[] Characters, int Year, string Country)
{
    /// <summary>
    /// Canonical EJSON, compact, as <c>@cloudbase/node-sdk</c> puts each document into <c>insertDocument.data</c>
    /// (numbers wrapped in <c>$numberInt</c>, never bare).
    /// </summary>
    public string ToEjson()
    {
        using var buffer = new MemoryStream(320);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("title", Title);
            w.WriteString("author", Author);
            w.WriteStartArray("characters");
            foreach (var character in Characters) w.WriteStringValue(character);
            w.WriteEndArray();
            w.WriteStartObject("publishInfo");
            Ejson.WriteInt(w, "year", Year);
            w.WriteString("country", Country);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The BSON ActorCloud would store for this book under <paramref name="id"/>.</summary>
    public byte[] ToBson(string id) => new BsonDocument
    {
        ["_id"] = id,
        ["title"] = Title,
        ["author"] = Author,
        ["characters"] = new BsonArray(Characters),
        ["publishInfo"] = new BsonDocument { ["year"] = Year, ["country"] = Country },
    }.ToBson();
}
