using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary><c>$first</c>: the first document's value, missing included (reported as null).</summary>
internal sealed class FirstAccumulator : Accumulator
{
    private bool _seen;
    private BsonValue? _value;

    public override long Add(BsonValue? value)
    {
        if (_seen) return 0;
        _seen = true;
        _value = value;
        return value is null ? 0 : BsonSize.Of(value);
    }

    public override BsonValue Result() => _value ?? BsonNull.Value;
}

/// <summary><c>$last</c>: the last document's value, missing included (reported as null).</summary>
internal sealed class LastAccumulator : Accumulator
{
    private BsonValue? _value;

    public override long Add(BsonValue? value)
    {
        var delta = (value is null ? 0 : BsonSize.Of(value)) - (_value is null ? 0 : BsonSize.Of(_value));
        _value = value;
        return delta;
    }

    public override BsonValue Result() => _value ?? BsonNull.Value;
}

/// <summary><c>$max</c> / <c>$min</c> in MongoDB's order; null, undefined and missing are skipped.</summary>
internal sealed class ExtremeAccumulator(bool wantMax) : Accumulator
{
    private BsonValue? _best;

    public override long Add(BsonValue? value)
    {
        if (value is null || value.IsBsonNull || value.IsBsonUndefined) return 0;
        if (_best is not null)
        {
            var c = BsonValueComparer.Instance.Compare(value, _best);
            if (wantMax ? c <= 0 : c >= 0) return 0;
        }
        var delta = BsonSize.Of(value) - (_best is null ? 0 : BsonSize.Of(_best));
        _best = value;
        return delta;
    }

    public override BsonValue Result() => _best ?? BsonNull.Value;
}

/// <summary><c>$push</c>: every value in document order; missing values are skipped, nulls kept.</summary>
internal sealed class PushAccumulator : Accumulator
{
    private readonly BsonArray _values = [];

    public override long Add(BsonValue? value)
    {
        if (value is null) return 0;
        _values.Add(value);
        return BsonSize.Of(value);
    }

    public override BsonValue Result() => _values;
}

/// <summary><c>$addToSet</c>: distinct values (1 and 1.0 are one), in first-seen order; missing is skipped.</summary>
internal sealed class AddToSetAccumulator : Accumulator
{
    private readonly HashSet<BsonValue> _seen = new(BsonValueComparer.Instance);
    private readonly BsonArray _values = [];

    public override long Add(BsonValue? value)
    {
        if (value is null || !_seen.Add(value)) return 0;
        _values.Add(value);
        return BsonSize.Of(value);
    }

    public override BsonValue Result() => _values;
}

/// <summary><c>$mergeObjects</c>: later documents' fields win; null and missing are skipped, other non-objects refused.</summary>
internal sealed class MergeObjectsAccumulator : Accumulator
{
    private readonly BsonDocument _merged = [];

    public override long Add(BsonValue? value)
    {
        if (value is null || value.IsBsonNull || value.IsBsonUndefined) return 0;
        if (value is not BsonDocument document)
            throw DocumentException.InvalidParam(
                $"$mergeObjects requires object inputs, but input {value.ToJson()} is of type {BsonTypeNames.Of(value.BsonType)}");
        var delta = 0L;
        foreach (var element in document)
        {
            if (_merged.TryGetValue(element.Name, out var replaced)) delta -= BsonSize.OfElement(element.Name, replaced);
            delta += BsonSize.OfElement(element.Name, element.Value);
            _merged[element.Name] = element.Value;
        }
        return delta;
    }

    public override BsonValue Result() => _merged;
}
