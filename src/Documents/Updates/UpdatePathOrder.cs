using ActorCloud.Documents.Bson;

namespace ActorCloud.Documents.Updates;

/// <summary>
/// The order MongoDB (5.0+) applies an update's paths in: field names lexicographically, numeric names
/// numerically. It decides the order in which an update creates new fields.
/// </summary>
internal sealed class UpdatePathOrder : IComparer<FieldPath>
{
    public static readonly UpdatePathOrder Instance = new();

    public int Compare(FieldPath? x, FieldPath? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var n = Math.Min(x.Segments.Count, y.Segments.Count);
        for (var i = 0; i < n; i++)
        {
            var c = CompareSegments(x.Segments[i], y.Segments[i]);
            if (c != 0) return c;
        }
        return x.Segments.Count.CompareTo(y.Segments.Count);
    }

    private static int CompareSegments(string a, string b)
    {
        if (FieldPath.IsIndex(a, out var i) && FieldPath.IsIndex(b, out var j) && i != j) return i.CompareTo(j);
        return string.CompareOrdinal(a, b);
    }
}
