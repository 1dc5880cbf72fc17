using ActorCloud.Documents.Bson;

namespace ActorCloud.Documents.Updates;

/// <summary>
/// Refuses an update whose paths overlap (the same path twice, or one a prefix of another), because the result
/// would depend on application order. Registering a path costs O(segments).
/// </summary>
internal sealed class PathConflictDetector
{
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
    private readonly HashSet<string> _prefixes = new(StringComparer.Ordinal);

    public void Register(FieldPath path)
    {
        var text = path.Text;
        var prefix = "";
        foreach (var segment in path.Segments)
        {
            prefix = prefix.Length == 0 ? segment : $"{prefix}.{segment}";
            if (_paths.Contains(prefix)) throw Conflict(text, prefix);
        }
        if (_prefixes.Contains(text)) throw Conflict(text, text);

        prefix = "";
        for (var i = 0; i < path.Segments.Count - 1; i++)
        {
            prefix = prefix.Length == 0 ? path.Segments[i] : $"{prefix}.{path.Segments[i]}";
            _prefixes.Add(prefix);
        }
        _paths.Add(text);
    }

    private static DocumentException Conflict(string path, string at) =>
        DocumentException.InvalidParam($"Updating the path '{path}' would create a conflict at '{at}'");
}
