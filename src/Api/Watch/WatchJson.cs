using System.Text;
using System.Text.Json;
using ActorCloud.Api.Gateway.Database;
using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Api.Watch;

/// <summary>
/// Documents as the realtime client reads them: with a plain <c>JSON.parse</c>, no EJSON revival. So they are written in
/// the web SDK's encoding (<see cref="ClientJson"/>: bare numbers, dates as <c>{"$date": ms}</c>, as CloudBase's realtime
/// server sends them), and the top-level <c>_id</c> is written as in <see cref="IdJson"/>, so it compares equal (<c>===</c>) to the
/// event's <c>DocID</c>, which the client matches documents by.
/// </summary>
public static class WatchJson
{
    public static string Document(BsonDocument document) => Text(writer =>
    {
        writer.WriteStartObject();
        foreach (var element in document)
        {
            writer.WritePropertyName(element.Name);
            if (element.Name == "_id") IdJson.Write(writer, element.Value);
            else ClientJson.Write(writer, element.Value);
        }
        writer.WriteEndObject();
    });

    /// <summary>An <c>UpdatedFields</c> object: dotted paths to their new values.</summary>
    public static string Fields(IReadOnlyList<KeyValuePair<string, BsonValue>> fields) => Text(writer =>
    {
        writer.WriteStartObject();
        foreach (var (path, value) in fields)
        {
            writer.WritePropertyName(path);
            ClientJson.Write(writer, value);
        }
        writer.WriteEndObject();
    });

    public static string Paths(IReadOnlyList<string> paths) => JsonSerializer.Serialize(paths);

    private static string Text(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
