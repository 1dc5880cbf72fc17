using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary>
/// Date operators. Dates are read in UTC unless a <c>timezone</c> (Olson name or UTC offset) is given; a null
/// or missing date or timezone gives null. Timestamps and ObjectIds count as their moments, as in MongoDB.
/// </summary>
internal static class DateOperators
{
    public static CompiledExpression? TryCompile(OperatorCall call) => call.Name switch
    {
        "$year" => Part(call, t => new BsonInt32((int)t.Year)),
        "$month" => Part(call, t => new BsonInt32(t.Month)),
        "$dayOfMonth" => Part(call, t => new BsonInt32(t.Day)),
        "$dayOfWeek" => Part(call, t => new BsonInt32(t.DayOfWeek + 1)),
        "$dayOfYear" => Part(call, t => new BsonInt32(t.DayOfYear)),
        "$hour" => Part(call, t => new BsonInt32(t.Hour)),
        "$minute" => Part(call, t => new BsonInt32(t.Minute)),
        "$second" => Part(call, t => new BsonInt32(t.Second)),
        "$millisecond" => Part(call, t => new BsonInt32(t.Millisecond)),
        "$week" => Part(call, t => new BsonInt32(t.Week)),
        "$isoWeek" => Part(call, t => new BsonInt32(t.IsoWeek.Week)),
        "$isoWeekYear" => Part(call, t => new BsonInt64(t.IsoWeek.Year)),
        "$isoDayOfWeek" => Part(call, t => new BsonInt32(t.IsoDayOfWeek)),
        "$dateToString" => CompileDateToString(call),
        "$dateFromParts" => DateFromParts.Compile(call),
        "$dateFromString" => CompileDateFromString(call),
        _ => null,
    };

    /// <summary>The moment a date-like value stands for, in milliseconds since the epoch.</summary>
    public static long Millis(string name, BsonValue value) => value.BsonType switch
    {
        BsonType.DateTime => value.AsBsonDateTime.MillisecondsSinceEpoch,
        BsonType.Timestamp => value.AsBsonTimestamp.Timestamp * 1000L,
        BsonType.ObjectId => value.AsObjectId.Timestamp * 1000L,
        _ => throw DocumentException.InvalidParam($"{name}: can't convert from BSON type {Operand.TypeName(value)} to Date"),
    };

    /// <summary>The evaluated <c>timezone</c> argument (UTC when absent), or null when it is null or missing.</summary>
    public static DateZone? Zone(string name, CompiledExpression? timezone, EvaluationContext context) =>
        timezone is null ? DateZone.Utc : DateZone.From(name, timezone.Evaluate(context));

    /// <summary>The evaluated <c>format</c> argument (the default when absent), or null when it is null or missing.</summary>
    public static string? Format(string name, CompiledExpression? format, EvaluationContext context, string defaultFormat)
    {
        if (format is null) return defaultFormat;
        var value = format.Evaluate(context);
        if (Operand.IsNullish(value)) return null;
        if (value!.BsonType != BsonType.String)
            throw DocumentException.InvalidParam($"{name} requires that 'format' be a string, found: {Operand.TypeName(value)}");
        DateFormat.Validate(value.AsString, DocumentException.InvalidParam);
        return value.AsString;
    }

    /// <summary><c>{$year: date}</c>, <c>{$year: [date]}</c> or <c>{$year: {date, timezone}}</c>.</summary>
    private static CompiledExpression Part(OperatorCall call, Func<CivilTime, BsonValue> part)
    {
        var name = call.Name;
        CompiledExpression date;
        CompiledExpression? timezone = null;
        if (call.Operand is BsonDocument spec && (spec.ElementCount == 0 || !spec.GetElement(0).Name.StartsWith('$')))
        {
            var parts = call.Named("date", "timezone");
            date = call.Required(parts, "date");
            timezone = call.Optional(parts, "timezone");
        }
        else
        {
            var args = call.Arguments();
            date = args.Length == 1 ? args[0] : throw call.ArgumentCount("1");
        }
        CompiledExpression[] inputs = timezone is null ? [date] : [date, timezone];
        return new VariadicExpression(inputs, values =>
        {
            if (Operand.IsNullish(values[0])) return BsonNull.Value;
            var zone = values.Length > 1 ? DateZone.From(name, values[1]) : DateZone.Utc;
            if (zone is null) return BsonNull.Value;
            return part(zone.Local(Millis(name, values[0]!)));
        });
    }

    private static CompiledExpression CompileDateToString(OperatorCall call)
    {
        var parts = call.Named("date", "format", "timezone", "onNull");
        var date = call.Required(parts, "date");
        if (parts.TryGetValue("format", out var constant) && constant.BsonType == BsonType.String)
            DateFormat.Validate(constant.AsString, DocumentException.InvalidParam);
        var format = call.Optional(parts, "format");
        var timezone = call.Optional(parts, "timezone");
        var onNull = call.Optional(parts, "onNull");
        var defaultFormat = timezone is null ? DateFormat.IsoWithZ : DateFormat.IsoLocal;
        return new DateToStringExpression(date, format, timezone, onNull, defaultFormat);
    }

    private static CompiledExpression CompileDateFromString(OperatorCall call)
    {
        var parts = call.Named("dateString", "format", "timezone", "onNull", "onError");
        var dateString = call.Required(parts, "dateString");
        if (parts.TryGetValue("format", out var constant) && constant.BsonType == BsonType.String)
            DateFormat.Validate(constant.AsString, DocumentException.InvalidParam);
        return new DateFromStringExpression(
            dateString, call.Optional(parts, "format"), call.Optional(parts, "timezone"), call.Optional(parts, "onNull"), call.Optional(parts, "onError"));
    }
}

/// <summary>A null or missing date gives <c>onNull</c> before the timezone or format are looked at, as in MongoDB.</summary>
internal sealed class DateToStringExpression(
    CompiledExpression date, CompiledExpression? format, CompiledExpression? timezone, CompiledExpression? onNull, string defaultFormat)
    : CompiledExpression
{
    internal override BsonValue? Evaluate(EvaluationContext context)
    {
        var value = date.Evaluate(context);
        var pattern = DateOperators.Format("$dateToString", format, context, defaultFormat);
        if (Operand.IsNullish(value)) return onNull is null ? BsonNull.Value : onNull.Evaluate(context);
        var zone = DateOperators.Zone("$dateToString", timezone, context);
        if (zone is null || pattern is null) return BsonNull.Value;
        return new BsonString(DateFormat.Format(pattern, DateOperators.Millis("$dateToString", value!), zone));
    }
}

/// <summary><c>onError</c> replaces any parse failure, including a dateString that is not a string.</summary>
internal sealed class DateFromStringExpression(
    CompiledExpression dateString, CompiledExpression? format, CompiledExpression? timezone, CompiledExpression? onNull, CompiledExpression? onError)
    : CompiledExpression
{
    internal override BsonValue? Evaluate(EvaluationContext context)
    {
        var value = dateString.Evaluate(context);
        var pattern = DateOperators.Format("$dateFromString", format, context, "");
        if (Operand.IsNullish(value)) return onNull is null ? BsonNull.Value : onNull.Evaluate(context);
        var zone = DateOperators.Zone("$dateFromString", timezone, context);
        try
        {
            if (value!.BsonType != BsonType.String)
                throw DocumentException.RequestFailed($"$dateFromString requires that 'dateString' be a string, found: {Operand.TypeName(value)}");
            if (zone is null || pattern is null) return BsonNull.Value;
            return new BsonDateTime(DateFormat.Parse(value.AsString, format is null ? null : pattern, timezone is null ? null : zone));
        }
        catch (DocumentException) when (onError is not null)
        {
            return onError.Evaluate(context);
        }
    }
}
