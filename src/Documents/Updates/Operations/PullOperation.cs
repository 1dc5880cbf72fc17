using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Query;
using MongoDB.Bson;

namespace ActorCloud.Documents.Updates.Operations;

/// <summary>
/// <c>$pull</c>: a document operand is a condition (operators judge the element itself, fields query document
/// elements), a regex matches strings, anything else removes the elements equal to it.
/// </summary>
internal sealed class PullOperation : UpdateOperation
{
    private readonly Func<BsonValue, bool> _matches;

    private PullOperation(FieldPath path, Func<BsonValue, bool> matches) : base(path) => _matches = matches;

    public static PullOperation Parse(FieldPath path, BsonValue operand) => operand switch
    {
        BsonDocument condition => new PullOperation(path, QueryFilter.CompileElementPredicate(condition)),
        BsonRegularExpression regex => new PullOperation(path, QueryFilter.CompileElementPredicate(new BsonDocument("$regex", regex))),
        _ => new PullOperation(path, v => BsonValueComparer.Instance.Equals(v, operand)),
    };

    public override void Apply(UpdateContext context) => ArrayRemoval.RemoveWhere(context, Path, _matches);
}
