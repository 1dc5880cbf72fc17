using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ActorCloud.Documents.Expressions;

/// <summary>The <c>%</c> format language of <c>$dateToString</c> and <c>$dateFromString</c>.</summary>
internal static partial class DateFormat
{
    public const string IsoWithZ = "%Y-%m-%dT%H:%M:%S.%LZ";
    public const string IsoLocal = "%Y-%m-%dT%H:%M:%S.%L";

    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private const string Specifiers = "bBdGHjLmMSuUVwYzZ%";

    public static void Validate(string format, Func<string, DocumentException> error)
    {
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%') continue;
            if (i + 1 == format.Length) throw error("Unmatched '%' at end of format string");
            if (!Specifiers.Contains(format[++i])) throw error($"Invalid format character '%{format[i]}' in format string");
        }
    }

    public static string Format(string format, long utcMillis, DateZone zone)
    {
        var offset = zone.OffsetAt(utcMillis);
        var t = CivilTime.FromMillis(utcMillis + offset);
        var text = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                text.Append(format[i]);
                continue;
            }
            var spec = format[++i];
            var offsetMinutes = offset / 60_000;
            text.Append(spec switch
            {
                'Y' => Year(t.Year),
                'G' => Year(t.IsoWeek.Year),
                'm' => Pad(t.Month, 2),
                'd' => Pad(t.Day, 2),
                'H' => Pad(t.Hour, 2),
                'M' => Pad(t.Minute, 2),
                'S' => Pad(t.Second, 2),
                'L' => Pad(t.Millisecond, 3),
                'j' => Pad(t.DayOfYear, 3),
                'w' => Pad(t.DayOfWeek + 1, 1),
                'u' => Pad(t.IsoDayOfWeek, 1),
                'U' => Pad(t.Week, 2),
                'V' => Pad(t.IsoWeek.Week, 2),
                'b' => MonthNames[t.Month - 1][..3],
                'B' => MonthNames[t.Month - 1],
                'z' => (offset < 0 ? "-" : "+") + Pad(Math.Abs(offsetMinutes) / 60, 2) + Pad(Math.Abs(offsetMinutes) % 60, 2),
                'Z' => (offset < 0 ? "-" : "+") + Math.Abs(offsetMinutes).ToString(CultureInfo.InvariantCulture),
                _ => "%",
            });
        }
        return text.ToString();
    }

    private static string Year(long year) => year is >= 0 and <= 9999
        ? Pad(year, 4)
        : throw DocumentException.RequestFailed($"$dateToString is only defined on year 0-9999, found {year}");

    private static string Pad(long value, int width) => value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');

    /// <summary>Fields read from a date string; the offset is set only when the string carries one.</summary>
    private sealed class Parsed
    {
        public long Year = 1970, Month = 1, Day = 1, Hour, Minute, Second, Millisecond;
        public long? DayOfYear, IsoYear, IsoWeek, IsoDay;
        public int? OffsetMinutes;
    }

    /// <summary>
    /// Parses a date string, by <paramref name="format"/> when given, else as ISO 8601 (date, optional time and
    /// zone). Returns the UTC milliseconds; <paramref name="zoneArgument"/> applies when the string has no zone.
    /// </summary>
    public static long Parse(string text, string? format, DateZone? zoneArgument)
    {
        var parsed = format is null ? ParseIso(text) : ParseFormatted(text, format);
        if (parsed.OffsetMinutes is not null && zoneArgument is not null)
            throw Fail(text, "you cannot pass in a date/time string with time zone information together with a timezone argument");
        long days;
        if (parsed.IsoYear is { } isoYear)
            days = CivilTime.IsoYearStart(isoYear) + ((parsed.IsoWeek ?? 1) - 1) * 7 + (parsed.IsoDay ?? 1) - 1;
        else if (parsed.DayOfYear is { } dayOfYear)
            days = CivilTime.DaysFromCivil(parsed.Year, 1, 1) + dayOfYear - 1;
        else
        {
            if (parsed.Month is < 1 or > 12 || parsed.Day < 1 || parsed.Day > DaysInMonth(parsed.Year, parsed.Month))
                throw Fail(text, "the parsed date was invalid");
            days = CivilTime.DaysFromCivil(parsed.Year, parsed.Month, parsed.Day);
        }
        if (parsed.Hour > 24 || parsed.Minute > 59 || parsed.Second > 59) throw Fail(text, "the parsed time was invalid");
        var local = days * CivilTime.MillisPerDay + parsed.Hour * 3_600_000 + parsed.Minute * 60_000 + parsed.Second * 1000 + parsed.Millisecond;
        if (parsed.OffsetMinutes is { } minutes) return local - minutes * 60_000L;
        return (zoneArgument ?? DateZone.Utc).ToUtc(local);
    }

    private static long DaysInMonth(long year, long month) =>
        CivilTime.DaysFromCivil(year, month + 1, 1) - CivilTime.DaysFromCivil(year, month, 1);

    [GeneratedRegex(@"^\s*(?<y>\d{4})-(?<mo>\d{1,2})-(?<d>\d{1,2})(?:[T ](?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:\.(?<f>\d+))?)?)?\s*(?<z>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoPattern();

    private static Parsed ParseIso(string text)
    {
        var match = IsoPattern().Match(text);
        if (!match.Success) throw Fail(text, "not a recognized date format");
        long Number(string group) => match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var parsed = new Parsed
        {
            Year = Number("y"), Month = Number("mo"), Day = Number("d"),
            Hour = Number("h"), Minute = Number("mi"), Second = Number("s"),
            Millisecond = match.Groups["f"].Success ? long.Parse((match.Groups["f"].Value + "00")[..3], CultureInfo.InvariantCulture) : 0,
        };
        if (match.Groups["z"].Success)
        {
            var zone = match.Groups["z"].Value.ToUpperInvariant();
            parsed.OffsetMinutes = zone is "Z" or "UTC" or "GMT" ? 0 : DateZone.TryParseOffset(zone, out var minutes) ? minutes : throw Fail(text, "bad offset");
        }
        return parsed;
    }

    private static Parsed ParseFormatted(string text, string format)
    {
        var parsed = new Parsed();
        var at = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || format[i + 1] == '%')
            {
                if (format[i] == '%') i++;
                if (at >= text.Length || text[at] != format[i]) throw Fail(text, $"expected '{format[i]}' at position {at}");
                at++;
                continue;
            }
            var spec = format[++i];
            switch (spec)
            {
                case 'Y': parsed.Year = Digits(text, ref at, 4, 4); break;
                case 'G': parsed.IsoYear = Digits(text, ref at, 4, 4); break;
                case 'm': parsed.Month = Digits(text, ref at, 1, 2); break;
                case 'd': parsed.Day = Digits(text, ref at, 1, 2); break;
                case 'H': parsed.Hour = Digits(text, ref at, 1, 2); break;
                case 'M': parsed.Minute = Digits(text, ref at, 1, 2); break;
                case 'S': parsed.Second = Digits(text, ref at, 1, 2); break;
                case 'L': parsed.Millisecond = Digits(text, ref at, 1, 3); break;
                case 'j': parsed.DayOfYear = Digits(text, ref at, 1, 3); break;
                case 'V': parsed.IsoWeek = Digits(text, ref at, 1, 2); break;
                case 'u': parsed.IsoDay = Digits(text, ref at, 1, 1); break;
                case 'w': Digits(text, ref at, 1, 1); break;
                case 'U': Digits(text, ref at, 1, 2); break;
                case 'b' or 'B': parsed.Month = MonthName(text, ref at); break;
                case 'z':
                    var end = at + 1;
                    while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == ':')) end++;
                    parsed.OffsetMinutes = DateZone.TryParseOffset(text[at..end], out var minutes) ? minutes : throw Fail(text, "bad UTC offset");
                    at = end;
                    break;
                default:
                    var sign = at < text.Length && text[at] == '-' ? -1 : 1;
                    if (at < text.Length && text[at] is '+' or '-') at++;
                    parsed.OffsetMinutes = (int)(sign * Digits(text, ref at, 1, 4));
                    break;
            }
        }
        if (at != text.Length) throw Fail(text, "trailing data");
        return parsed;
    }

    private static long Digits(string text, ref int at, int min, int max)
    {
        var start = at;
        while (at < text.Length && at - start < max && char.IsAsciiDigit(text[at])) at++;
        if (at - start < min) throw Fail(text, $"expected a number at position {start}");
        return long.Parse(text.AsSpan(start, at - start), CultureInfo.InvariantCulture);
    }

    private static long MonthName(string text, ref int at)
    {
        for (var m = 0; m < MonthNames.Length; m++)
        {
            foreach (var name in new[] { MonthNames[m], MonthNames[m][..3] })
            {
                if (string.Compare(text, at, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) != 0) continue;
                at += name.Length;
                return m + 1;
            }
        }
        throw Fail(text, "expected a month name");
    }

    private static DocumentException Fail(string text, string reason) =>
        DocumentException.RequestFailed($"Error parsing date string '{text}': {reason}");
}
