using MongoDB.Bson;
using System.Globalization;

namespace ActorCloud.Documents.Expressions;

/// <summary>
/// A moment broken into proleptic Gregorian calendar fields, computed on whole days since the epoch so that
/// every BSON date works, including those outside .NET's DateTime range (years 1-9999).
/// </summary>
internal readonly record struct CivilTime(long Year, int Month, int Day, int Hour, int Minute, int Second, int Millisecond, long Days)
{
    public const long MillisPerDay = 86_400_000;

    /// <summary>0 is Sunday, as <c>%w</c>-style week numbering needs.</summary>
    public int DayOfWeek => (int)FloorMod(Days + 4, 7);

    public int IsoDayOfWeek => DayOfWeek == 0 ? 7 : DayOfWeek;

    public int DayOfYear => (int)(Days - DaysFromCivil(Year, 1, 1)) + 1;

    /// <summary>Weeks start on Sunday; days before the year's first Sunday are week 0.</summary>
    public int Week => (DayOfYear - 1 + 7 - DayOfWeek) / 7;

    public (long Year, int Week) IsoWeek
    {
        get
        {
            var week = (DayOfYear - IsoDayOfWeek + 10) / 7;
            if (week < 1) return (Year - 1, IsoWeeksIn(Year - 1));
            return week > IsoWeeksIn(Year) ? (Year + 1, 1) : (Year, week);
        }
    }

    public static CivilTime FromMillis(long millis)
    {
        var days = FloorDiv(millis, MillisPerDay);
        var ofDay = millis - days * MillisPerDay;
        var (year, month, day) = CivilFromDays(days);
        return new CivilTime(year, month, day, (int)(ofDay / 3_600_000), (int)(ofDay / 60_000 % 60), (int)(ofDay / 1000 % 60), (int)(ofDay % 1000), days);
    }

    /// <summary>Days since 1970-01-01; months outside 1-12 carry into the year, as <c>$dateFromParts</c> wants.</summary>
    public static long DaysFromCivil(long year, long month, long day)
    {
        year += FloorDiv(month - 1, 12);
        month = FloorMod(month - 1, 12) + 1;
        var y = month <= 2 ? year - 1 : year;
        var era = FloorDiv(y, 400);
        var yearOfEra = y - era * 400;
        var dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468 + day - 1;
    }

    /// <summary>Days since the epoch of Monday of ISO week 1 of a year (the week holding January 4th).</summary>
    public static long IsoYearStart(long year)
    {
        var january4 = DaysFromCivil(year, 1, 4);
        var isoDay = (int)FloorMod(january4 + 3, 7) + 1;
        return january4 - (isoDay - 1);
    }

    public static long FloorDiv(long a, long b) => a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0);

    public static long FloorMod(long a, long b) => a - FloorDiv(a, b) * b;

    private static (long Year, int Month, int Day) CivilFromDays(long days)
    {
        var z = days + 719_468;
        var era = FloorDiv(z, 146_097);
        var dayOfEra = z - era * 146_097;
        var yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var mp = (5 * dayOfYear + 2) / 153;
        var day = (int)(dayOfYear - (153 * mp + 2) / 5 + 1);
        var month = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
    }

    private static int IsoWeeksIn(long year)
    {
        static long P(long y) => FloorMod(y + FloorDiv(y, 4) - FloorDiv(y, 100) + FloorDiv(y, 400), 7);
        return P(year) == 4 || P(year - 1) == 3 ? 53 : 52;
    }
}

/// <summary>A <c>timezone</c> argument: an Olson name or a fixed UTC offset (<c>+hh:mm</c>, <c>+hhmm</c>, <c>+hh</c>).</summary>
internal sealed class DateZone
{
    public static readonly DateZone Utc = new(0, null);

    private static readonly long MinMillis = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMillis = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private readonly long fixedOffset;
    private readonly TimeZoneInfo? zone;

    private DateZone(long fixedOffset, TimeZoneInfo? zone)
    {
        this.fixedOffset = fixedOffset;
        this.zone = zone;
    }

    /// <summary>The zone named by an evaluated <c>timezone</c> argument, or null when it is null or missing.</summary>
    public static DateZone? From(string name, BsonValue? value)
    {
        if (Operand.IsNullish(value)) return null;
        if (value!.BsonType != BsonType.String)
            throw DocumentException.InvalidParam($"{name}: timezone must evaluate to a string, found {Operand.TypeName(value)}");
        return Parse(value.AsString) ?? throw DocumentException.InvalidParam($"{name}: unrecognized time zone identifier: \"{value.AsString}\"");
    }

    public static DateZone? Parse(string text)
    {
        if (TryParseOffset(text, out var minutes)) return new DateZone(minutes * 60_000L, null);
        if (text.Length == 0 || text[0] is '+' or '-') return null;
        return TimeZoneInfo.TryFindSystemTimeZoneById(text, out var found) ? new DateZone(0, found) : null;
    }

    /// <summary><c>+hh:mm</c>, <c>+hhmm</c> or <c>+hh</c> (also with '-'), in minutes east of UTC.</summary>
    public static bool TryParseOffset(string text, out int minutes)
    {
        minutes = 0;
        if (text.Length < 3 || text[0] is not ('+' or '-')) return false;
        var digits = text[1..].Replace(":", "", StringComparison.Ordinal);
        if (digits.Length is not (2 or 4) || !digits.All(char.IsAsciiDigit)) return false;
        if (text.Contains(':') && (text.Length != 6 || text[3] != ':')) return false;
        var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
        var mins = digits.Length == 4 ? int.Parse(digits[2..], CultureInfo.InvariantCulture) : 0;
        if (mins >= 60) return false;
        minutes = (text[0] == '-' ? -1 : 1) * (hours * 60 + mins);
        return true;
    }

    public long OffsetAt(long utcMillis) => zone is null
        ? fixedOffset
        : (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(utcMillis, MinMillis, MaxMillis))).TotalMilliseconds;

    public CivilTime Local(long utcMillis) => CivilTime.FromMillis(utcMillis + OffsetAt(utcMillis));

    /// <summary>The UTC moment of a wall-clock time in this zone (a time skipped or repeated by DST takes the standard offset).</summary>
    public long ToUtc(long localMillis)
    {
        if (zone is null) return localMillis - fixedOffset;
        var clamped = Math.Clamp(localMillis, MinMillis, MaxMillis);
        var wallClock = new DateTime(DateTime.UnixEpoch.Ticks + clamped * TimeSpan.TicksPerMillisecond, DateTimeKind.Unspecified);
        return localMillis - (long)zone.GetUtcOffset(wallClock).TotalMilliseconds;
    }
}
