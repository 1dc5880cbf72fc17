using MongoDB.Bson;

namespace ActorCloud.Documents.Rules;

/// <summary>
/// Everything a rule may look at for one client request. Set <see cref="QueryCondition"/> for reads, updates and
/// deletes (the rule must then hold for every document the query could match) or <see cref="Document"/> for a
/// create (the rule sees that document), never both.
/// </summary>
public sealed class RuleContext
{
    private static readonly IReadOnlyDictionary<DocumentReference, BsonDocument?> NothingFetched =
        new Dictionary<DocumentReference, BsonDocument?>();

    /// <summary>Null when the user is not signed in.</summary>
    public RuleAuth? Auth { get; init; }

    public DateTime Now { get; init; } = DateTime.UtcNow;

    /// <summary>The client's MongoDB filter; <c>doc</c> then stands for every document it could match.</summary>
    public BsonDocument? QueryCondition { get; init; }

    /// <summary>The document to insert; <c>doc</c> is then that document.</summary>
    public BsonDocument? Document { get; init; }

    /// <summary><c>request.data</c>.</summary>
    public BsonDocument? RequestData { get; init; }

    /// <summary>Storage: the file's metadata (<c>resource.openid</c>…).</summary>
    public BsonDocument? Resource { get; init; }

    /// <summary>Documents loaded for earlier <see cref="RuleOutcome.NeedsDocuments"/> answers; a null value is a document that does not exist.</summary>
    public IReadOnlyDictionary<DocumentReference, BsonDocument?> Fetched { get; init; } = NothingFetched;
}
