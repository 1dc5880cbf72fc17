using ActorCloud.Documents;
using ActorCloud.Documents.Updates;
using MongoDB.Bson;

namespace ActorCloud.Actors.Collections;

/// <summary>
/// An operator update ready to apply to the documents a query matched. A plain update is parsed once and is the
/// same for every document; one with positional paths (<c>a.$</c>, <c>a.$[]</c>) is validated once and made
/// concrete per document, and that concrete update is what the event records.
/// </summary>
internal sealed class PreparedUpdate
{
    private readonly BsonDocument _update;
    private readonly BsonDocument _query;
    private readonly UpdateSpec? _spec;

    public PreparedUpdate(BsonDocument update, BsonDocument query)
    {
        _update = update;
        _query = query;
        if (PositionalUpdate.Uses(update)) UpdateSpec.Parse(PositionalUpdate.ForValidation(update));
        else _spec = UpdateSpec.Parse(update);
    }

    /// <summary>The update to seed an upsert with; positional paths have no matched element to refer to.</summary>
    public UpdateSpec ForUpsert => _spec ?? throw DocumentException.RequestFailed(
        "The positional operator did not find the match needed from the query.");

    public (BsonDocument Update, UpdateResult Result) ApplyTo(BsonDocument document, DateTime now)
    {
        if (_spec is not null) return (_update, UpdateApplier.Apply(document, _spec, isInsert: false, now));
        var concrete = PositionalUpdate.Resolve(_update, _query, document);
        return (concrete, UpdateApplier.Apply(document, UpdateSpec.Parse(concrete), isInsert: false, now));
    }
}
