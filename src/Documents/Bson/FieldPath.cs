namespace ActorCloud.Documents.Bson;

/// <summary>
/// A dot path such as <c>publishInfo.country</c> or <c>characters.0</c>, split once and validated so every
/// consumer (matcher, updater, projection, sort) refuses the same malformed paths with the same error.
/// </summary>
public sealed class FieldPath
{
    private FieldPath(string text, string[] segments)
    {
        Text = text;
        Segments = segments;
    }

    public string Text { get; }

    public IReadOnlyList<string> Segments { get; }

    public static FieldPath Parse(string text)
    {
        if (string.IsNullOrEmpty(text)) throw DocumentException.InvalidParam("field path must not be empty");
        var segments = text.Split('.');
        foreach (var s in segments)
        {
            if (s.Length == 0) throw DocumentException.InvalidParam($"field path '{text}' has an empty segment");
        }
        return new FieldPath(text, segments);
    }

    /// <summary>True when the segment names an array position (all ASCII digits, as MongoDB reads it).</summary>
    public static bool IsIndex(string segment, out int index)
    {
        index = 0;
        if (segment.Length == 0 || segment.Length > 9) return false;
        foreach (var c in segment)
        {
            if (c is < '0' or > '9') return false;
        }
        index = int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    public override string ToString() => Text;
}
