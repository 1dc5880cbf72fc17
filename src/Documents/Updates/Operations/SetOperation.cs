using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Updates.Operations;

/// <summary><c>$set</c>, and <c>$setOnInsert</c> (the same, but only when an upsert inserts).</summary>
internal sealed class SetOperation : UpdateOperation
{
    private readonly BsonValue _value;
    private readonly bool _onInsertOnly;

    public SetOperation(FieldPath path, BsonValue value, bool onInsertOnly) : base(path)
    {
        UpdateOperands.ValidateStorable(value, path.Text);
        _value = value;
        _onInsertOnly = onInsertOnly;
    }

    public override void Apply(UpdateContext context)
    {
        if (_onInsertOnly && !context.IsInsert) return;
        var current = context.Read(Path);
        if (current is not null && ExactBsonEquality.AreIdentical(current, _value)) return;
        context.Write(Path, UpdateOperands.Copy(_value));
    }
}
