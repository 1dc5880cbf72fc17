using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace ActorCloud.Documents.Bson;

/// <summary>
/// Extended JSON in and out. The SDK sends canonical EJSON strings (numbers are never bare); we read them
/// with MongoDB.Bson's own reader and write canonical EJSON back, which the SDK's relaxed parser accepts.
/// </summary>
public static class Ejson
{
    /// <summary>MongoDB's own nesting limit; deeper input is refused before the recursive reader sees it.</summary>
    public const int MaxDepth = 100;

    private static readonly JsonWriterSettings Canonical = new() { OutputMode = JsonOutputMode.CanonicalExtendedJson };
    private static readonly JsonWriterSettings Relaxed = new() { OutputMode = JsonOutputMode.RelaxedExtendedJson };

    /// <summary>Parses one EJSON object. <paramref name="what"/> names the field in error messages.</summary>
    public static BsonDocument ParseDocument(string text, string what)
    {
        CheckDepth(text, what);
        try
        {
            return BsonDocument.Parse(text);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or BsonException or ArgumentException or OverflowException)
        {
            throw DocumentException.InvalidParam($"{what} is not valid Extended JSON: {e.Message}");
        }
    }

    public static string ToCanonical(BsonDocument document) => document.ToJson(Canonical);

    public static string ToRelaxed(BsonValue value) => value.ToJson(Relaxed);

    /// <summary>
    /// A linear scan counting brackets outside strings, so pathological nesting is refused in O(n) instead of
    /// reaching the recursive parser or, later, every recursive walk over the document.
    /// </summary>
    private static void CheckDepth(string text, string what)
    {
        var depth = 0;
        var inString = false;
        var quote = '"';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == quote) inString = false;
                continue;
            }
            switch (c)
            {
                case '"' or '\'':
                    inString = true;
                    quote = c;
                    break;
                case '{' or '[':
                    if (++depth > MaxDepth + 2)
                        throw DocumentException.InvalidParam($"{what} nests deeper than {MaxDepth} levels");
                    break;
                case '}' or ']':
                    depth--;
                    break;
            }
        }
    }
}
