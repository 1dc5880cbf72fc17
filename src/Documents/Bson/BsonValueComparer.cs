using MongoDB.Bson;

namespace ActorCloud.Documents.Bson;

/// <summary>
/// MongoDB's total order over BSON values: first by type class (MinKey &lt; null &lt; numbers &lt; strings &lt;
/// objects &lt; arrays &lt; binary &lt; ObjectId &lt; booleans &lt; dates &lt; timestamps &lt; regexes &lt; MaxKey), then
/// within the class. Numbers of different BSON types compare by value, so 1, 1L and 1.0 are equal.
/// Used by query comparison operators, sort, <c>$min</c>/<c>$max</c> and <c>$push</c>'s <c>$sort</c>.
/// </summary>
public sealed class BsonValueComparer : IComparer<BsonValue>, IEqualityComparer<BsonValue>
{
    public static readonly BsonValueComparer Instance = new();

    public static int TypeRank(BsonValue v) => v.BsonType switch
    {
        BsonType.MinKey => 1,
        BsonType.Undefined or BsonType.Null => 2,
        BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 => 3,
        BsonType.String or BsonType.Symbol => 4,
        BsonType.Document => 5,
        BsonType.Array => 6,
        BsonType.Binary => 7,
        BsonType.ObjectId => 8,
        BsonType.Boolean => 9,
        BsonType.DateTime => 10,
        BsonType.Timestamp => 11,
        BsonType.RegularExpression => 12,
        BsonType.JavaScript or BsonType.JavaScriptWithScope => 13,
        BsonType.MaxKey => 14,
        _ => 15,
    };

    public static bool IsNumber(BsonValue v) => TypeRank(v) == 3;

    public int Compare(BsonValue? x, BsonValue? y)
    {
        x ??= BsonNull.Value;
        y ??= BsonNull.Value;
        var rx = TypeRank(x);
        var ry = TypeRank(y);
        if (rx != ry) return rx.CompareTo(ry);
        return rx switch
        {
            2 or 1 or 14 => 0,
            3 => CompareNumbers(x, y),
            4 => string.CompareOrdinal(StringOf(x), StringOf(y)),
            5 => CompareDocuments(x.AsBsonDocument, y.AsBsonDocument),
            6 => CompareArrays(x.AsBsonArray, y.AsBsonArray),
            7 => CompareBinary(x.AsBsonBinaryData, y.AsBsonBinaryData),
            8 => x.AsObjectId.CompareTo(y.AsObjectId),
            9 => x.AsBoolean.CompareTo(y.AsBoolean),
            10 => x.AsBsonDateTime.MillisecondsSinceEpoch.CompareTo(y.AsBsonDateTime.MillisecondsSinceEpoch),
            11 => x.AsBsonTimestamp.Value.CompareTo(y.AsBsonTimestamp.Value),
            12 => CompareRegex(x.AsBsonRegularExpression, y.AsBsonRegularExpression),
            _ => string.CompareOrdinal(x.ToString(), y.ToString()),
        };
    }

    public bool Equals(BsonValue? x, BsonValue? y) => Compare(x, y) == 0;

    public int GetHashCode(BsonValue v) => TypeRank(v) switch
    {
        3 => NumberHash(v),
        4 => StringOf(v).GetHashCode(StringComparison.Ordinal),
        5 => HashDocument(v.AsBsonDocument),
        6 => HashArray(v.AsBsonArray),
        var rank => HashCode.Combine(rank, v.GetHashCode()),
    };

    private static string StringOf(BsonValue v) => v.BsonType == BsonType.Symbol ? v.AsBsonSymbol.Name : v.AsString;

    private static int CompareNumbers(BsonValue x, BsonValue y)
    {
        if (x.BsonType is BsonType.Int32 or BsonType.Int64 && y.BsonType is BsonType.Int32 or BsonType.Int64)
            return x.ToInt64().CompareTo(y.ToInt64());
        if (x.BsonType == BsonType.Decimal128 || y.BsonType == BsonType.Decimal128)
        {
            if (TryDecimal(x, out var dx) && TryDecimal(y, out var dy)) return dx.CompareTo(dy);
        }
        var a = x.ToDouble();
        var b = y.ToDouble();
        // MongoDB sorts NaN below every other number and treats NaN as equal to NaN.
        if (double.IsNaN(a)) return double.IsNaN(b) ? 0 : -1;
        if (double.IsNaN(b)) return 1;
        return a.CompareTo(b);
    }

    private static bool TryDecimal(BsonValue v, out decimal d)
    {
        try
        {
            d = v.BsonType switch
            {
                BsonType.Decimal128 => Decimal128.ToDecimal(v.AsDecimal128),
                BsonType.Double when double.IsFinite(v.AsDouble) => (decimal)v.AsDouble,
                BsonType.Int32 => v.AsInt32,
                BsonType.Int64 => v.AsInt64,
                _ => throw new OverflowException(),
            };
            return true;
        }
        catch (OverflowException)
        {
            d = 0;
            return false;
        }
    }

    private int CompareDocuments(BsonDocument x, BsonDocument y)
    {
        var n = Math.Min(x.ElementCount, y.ElementCount);
        for (var i = 0; i < n; i++)
        {
            var ex = x.GetElement(i);
            var ey = y.GetElement(i);
            var byType = TypeRank(ex.Value).CompareTo(TypeRank(ey.Value));
            if (byType != 0) return byType;
            var byName = string.CompareOrdinal(ex.Name, ey.Name);
            if (byName != 0) return byName;
            var byValue = Compare(ex.Value, ey.Value);
            if (byValue != 0) return byValue;
        }
        return x.ElementCount.CompareTo(y.ElementCount);
    }

    private int CompareArrays(BsonArray x, BsonArray y)
    {
        var n = Math.Min(x.Count, y.Count);
        for (var i = 0; i < n; i++)
        {
            var c = Compare(x[i], y[i]);
            if (c != 0) return c;
        }
        return x.Count.CompareTo(y.Count);
    }

    private static int CompareBinary(BsonBinaryData x, BsonBinaryData y)
    {
        var byLength = x.Bytes.Length.CompareTo(y.Bytes.Length);
        if (byLength != 0) return byLength;
        var bySubType = x.SubType.CompareTo(y.SubType);
        return bySubType != 0 ? bySubType : x.Bytes.AsSpan().SequenceCompareTo(y.Bytes);
    }

    private static int CompareRegex(BsonRegularExpression x, BsonRegularExpression y)
    {
        var byPattern = string.CompareOrdinal(x.Pattern, y.Pattern);
        return byPattern != 0 ? byPattern : string.CompareOrdinal(x.Options, y.Options);
    }

    private static int NumberHash(BsonValue v)
    {
        var d = v.BsonType == BsonType.Decimal128 ? (double)Decimal128.ToDouble(v.AsDecimal128) : v.ToDouble();
        return d.GetHashCode();
    }

    private int HashDocument(BsonDocument d)
    {
        var h = new HashCode();
        foreach (var e in d) { h.Add(e.Name); h.Add(GetHashCode(e.Value)); }
        return h.ToHashCode();
    }

    private int HashArray(BsonArray a)
    {
        var h = new HashCode();
        foreach (var v in a) h.Add(GetHashCode(v));
        return h.ToHashCode();
    }
}
