using System.Globalization;

namespace ActorCloud.Bench.History;

/// <summary>The canonical-EJSON encodings the benchmark's requests need (cloudbase-protocol.md §2.1).</summary>
public static class Ejson
{
    public static string Int(int value) => $$"""{"$numberInt":"{{value.ToString(CultureInfo.InvariantCulture)}}"}""";

    /// <summary>A generated document: <c>n</c> names it (the watch phase finds its send time by it), <c>text</c> gives it a realistic size.</summary>
    public static string Document(int n) =>
        $$"""{"n":{{Int(n)}},"text":"event {{n.ToString(CultureInfo.InvariantCulture)}} of the history benchmark, padded to about two hundred bytes of EJSON like a small record","tags":["history","bench"]}""";

    public static string IdQuery(string id) => $$"""{"_id":"{{id}}"}""";
}
