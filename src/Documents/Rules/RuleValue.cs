using MongoDB.Bson;

namespace ActorCloud.Documents.Rules;

/// <summary>What a sub-expression evaluates to.</summary>
internal abstract record RuleValue
{
    public static readonly RuleValue True = new Known(BsonBoolean.True);
    public static readonly RuleValue False = new Known(BsonBoolean.False);
    public static readonly RuleValue Unresolved = new Unknown(null);
    public static readonly RuleValue Waiting = new Pending();

    private RuleValue()
    {
    }

    /// <summary>A concrete value.</summary>
    public sealed record Known(BsonValue Value) : RuleValue;

    /// <summary><c>doc.&lt;Path&gt;</c> when <c>doc</c> is every document a query could match (Path "" is <c>doc</c> itself).</summary>
    public sealed record Field(string Path) : RuleValue;

    /// <summary>Not provable; <paramref name="FieldPath"/> names the doc field the query left open, when that is the cause.</summary>
    public sealed record Unknown(string? FieldPath) : RuleValue;

    /// <summary>Depends on a get() document not loaded yet.</summary>
    public sealed record Pending : RuleValue;

    public static RuleValue Of(Truth truth) => truth switch
    {
        Truth.True => True,
        Truth.False => False,
        Truth.Pending => Waiting,
        _ => Unresolved,
    };
}
