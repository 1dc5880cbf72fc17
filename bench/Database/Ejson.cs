using System.Globalization;
using System.Text.Json;

namespace ActorCloud.Bench.Database;

/// <summary>The few canonical-EJSON encodings the benchmark's requests need (cloudbase-protocol.md §2.1).</summary>
public static class Ejson
{
    public static void WriteInt(Utf8JsonWriter w, string name, int value)
    {
        w.WriteStartObject(name);
        w.WriteString("$numberInt", value.ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }

    public static string Int(int value) => $$"""{"$numberInt":"{{value.ToString(CultureInfo.InvariantCulture)}}"}""";
}
