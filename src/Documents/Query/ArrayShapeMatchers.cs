using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

/// <summary><c>$size</c>: an array of exactly that length; judges the array itself, never its elements.</summary>
internal sealed class SizeMatcher(int size) : ValueMatcher
{
    public override bool ExpandsArrays => false;

    public override bool Matches(BsonValue value) => value.BsonType == BsonType.Array && value.AsBsonArray.Count == size;
}

/// <summary><c>$elemMatch</c>: an array with at least one element satisfying the whole condition at once.</summary>
internal sealed class ElemMatchMatcher(Func<BsonValue, bool> elementPredicate) : ValueMatcher
{
    public override bool ExpandsArrays => false;

    public override bool Matches(BsonValue value)
    {
        if (value.BsonType != BsonType.Array) return false;
        foreach (var element in value.AsBsonArray)
        {
            if (elementPredicate(element)) return true;
        }
        return false;
    }
}

/// <summary><c>$exists: true</c>: any value at all reached by the path (the false form is its negation).</summary>
internal sealed class ExistsMatcher : ValueMatcher
{
    public static readonly ExistsMatcher Instance = new();

    public override bool ExpandsArrays => false;

    public override bool Matches(BsonValue value) => true;
}
