namespace ActorCloud.Documents.Rules;

/// <summary>
/// Reads <c>get()</c>'s argument. Collection names may contain <c>.</c> but document ids may not, so the collection
/// is everything between <c>database.</c> and the last <c>.</c>, and the id is the rest.
/// </summary>
internal static class GetPath
{
    public const string Prefix = "database.";
    private const int MaxCollectionLength = 128;
    private const int MaxIdLength = 256;

    /// <summary>Returns null and the reason when <paramref name="path"/> is not a document path.</summary>
    public static DocumentReference? Parse(string path, out string problem)
    {
        problem = "";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
            return Fail($"'{path}' does not start with '{Prefix}'", out problem);
        var rest = path.AsSpan(Prefix.Length);
        var dot = rest.LastIndexOf('.');
        if (dot <= 0 || dot == rest.Length - 1)
            return Fail($"'{path}' is not 'database.<collection>.<id>'", out problem);
        var collection = rest[..dot];
        var id = rest[(dot + 1)..];
        if (collection.Length > MaxCollectionLength || !IsCollectionName(collection))
            return Fail($"'{path}' names an invalid collection", out problem);
        if (id.Length > MaxIdLength || id.ContainsAnyInRange('\0', '\x1f'))
            return Fail($"'{path}' names an invalid document id", out problem);
        return new DocumentReference(collection.ToString(), id.ToString());
    }

    private static bool IsCollectionName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.')) return false;
        }
        return true;
    }

    private static DocumentReference? Fail(string message, out string problem)
    {
        problem = message;
        return null;
    }
}
