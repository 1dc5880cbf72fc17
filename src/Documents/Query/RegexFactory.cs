using MongoDB.Bson;
using System.Text.RegularExpressions;

namespace ActorCloud.Documents.Query;

/// <summary>
/// Builds .NET regexes from MongoDB (PCRE) pattern + option letters, once per query, with a match timeout so a
/// catastrophic pattern costs one failed request instead of a stuck scan.
/// </summary>
internal static class RegexFactory
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    public static Regex Create(string pattern, string options)
    {
        var flags = TranslateOptions(options) ??
            throw DocumentException.InvalidParam($"invalid flag in regex options '{options}' (allowed: i m s x u)");
        try
        {
            return new Regex(pattern, flags, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw DocumentException.InvalidParam($"invalid regular expression /{pattern}/: {e.Message}");
        }
    }

    public static Regex Create(BsonRegularExpression regex) => Create(regex.Pattern, regex.Options);

    public static bool IsMatch(Regex regex, string input)
    {
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            throw DocumentException.RequestFailed($"regular expression /{regex}/ took too long to evaluate");
        }
    }

    /// <summary>A stored regex value equals a query regex when pattern and effective flags agree.</summary>
    public static bool IsSameRegex(Regex regex, BsonRegularExpression stored) =>
        stored.Pattern == regex.ToString() && TranslateOptions(stored.Options) == regex.Options;

    private static RegexOptions? TranslateOptions(string options)
    {
        var flags = RegexOptions.CultureInvariant;
        foreach (var letter in options)
        {
            switch (letter)
            {
                case 'i': flags |= RegexOptions.IgnoreCase; break;
                case 'm': flags |= RegexOptions.Multiline; break;
                case 's': flags |= RegexOptions.Singleline; break;
                case 'x': flags |= RegexOptions.IgnorePatternWhitespace; break;
                // PCRE's UTF mode: .NET strings are always Unicode.
                case 'u': break;
                default: return null;
            }
        }
        return flags;
    }
}
