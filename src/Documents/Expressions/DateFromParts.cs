using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary>
/// <c>$dateFromParts</c> from calendar parts (<c>year</c>, <c>month</c>, <c>day</c>, …) or ISO week parts
/// (<c>isoWeekYear</c>, <c>isoWeek</c>, <c>isoDayOfWeek</c>, …). Parts beyond their usual range carry into the
/// next larger one (month 14 is February of the next year), as MongoDB's do.
/// </summary>
internal static class DateFromParts
{
    private static readonly string[] Calendar = ["year", "month", "day"];
    private static readonly string[] Iso = ["isoWeekYear", "isoWeek", "isoDayOfWeek"];
    private static readonly string[] Time = ["hour", "minute", "second", "millisecond"];

    public static CompiledExpression Compile(OperatorCall call)
    {
        var parts = call.Named([.. Calendar, .. Iso, .. Time, "timezone"]);
        var iso = Iso.Any(parts.Contains);
        if (iso && Calendar.Any(parts.Contains))
            throw DocumentException.InvalidParam("$dateFromParts does not allow mixing natural dates with ISO dates");
        if (!iso && !parts.Contains("year"))
            throw DocumentException.InvalidParam("$dateFromParts requires either 'year' or 'isoWeekYear' to be present");
        string[] names = [.. iso ? Iso : Calendar, .. Time];
        var inputs = names.Select(n => call.Optional(parts, n) ?? new ConstantExpression(new BsonInt32(Default(n)))).ToList();
        var timezone = call.Optional(parts, "timezone");
        if (timezone is not null) inputs.Add(timezone);
        return new VariadicExpression([.. inputs], values => Build(names, values, iso, timezone is not null));
    }

    private static int Default(string part) => part is "month" or "day" or "isoWeek" or "isoDayOfWeek" ? 1 : 0;

    private static BsonValue Build(string[] names, BsonValue?[] values, bool iso, bool hasZone)
    {
        var numbers = new long[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            if (Operand.IsNullish(values[i])) return BsonNull.Value;
            numbers[i] = Part(names[i], values[i]!);
        }
        var zone = hasZone ? DateZone.From("$dateFromParts", values[^1]) : DateZone.Utc;
        if (zone is null) return BsonNull.Value;
        var days = iso
            ? CivilTime.IsoYearStart(numbers[0]) + (numbers[1] - 1) * 7 + numbers[2] - 1
            : CivilTime.DaysFromCivil(numbers[0], numbers[1], numbers[2]);
        var local = days * CivilTime.MillisPerDay + numbers[3] * 3_600_000 + numbers[4] * 60_000 + numbers[5] * 1000 + numbers[6];
        return new BsonDateTime(zone.ToUtc(local));
    }

    private static long Part(string name, BsonValue value)
    {
        if (!Bson.BsonValueComparer.IsNumber(value))
            throw DocumentException.InvalidParam($"'{name}' must evaluate to an integer, found {Operand.TypeName(value)} with value {value}");
        var d = value.ToDouble();
        if (d != Math.Floor(d) || double.IsInfinity(d))
            throw DocumentException.InvalidParam($"'{name}' must evaluate to an integer, found {Operand.TypeName(value)} with value {value}");
        if (name is "year" or "isoWeekYear")
        {
            if (d is < 1 or > 9999)
                throw DocumentException.InvalidParam($"'{name}' must evaluate to an integer in the range 1 to 9999, found {value}");
        }
        else if (d is < -32768 or > 32767)
        {
            throw DocumentException.InvalidParam($"'{name}' must evaluate to a value in the range [-32768, 32767]; value {value} is not in range");
        }
        return (long)d;
    }
}
