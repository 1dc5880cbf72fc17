using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

/// <summary>
/// A leaf operator applied to one value found at the end of a field path (MongoDB's "matchesSingleElement").
/// The path walker supplies every candidate value; this decides a single one.
/// </summary>
internal abstract class ValueMatcher
{
    public abstract bool Matches(BsonValue value);

    /// <summary>Whether a path that leads nowhere satisfies the operator (true for equality with null).</summary>
    public virtual bool MatchesMissing => false;

    /// <summary>
    /// Whether an array at the end of the path also offers each of its elements as candidates. False for operators
    /// that judge the array itself (<c>$size</c>, <c>$elemMatch</c>, <c>$exists</c>).
    /// </summary>
    public virtual bool ExpandsArrays => true;
}
