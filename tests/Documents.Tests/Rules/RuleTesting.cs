using ActorCloud.Documents.Rules;
using MongoDB.Bson;

namespace ActorCloud.Documents.Tests.Rules;

/// <summary>Builds contexts for the rule tables and renders outcomes as short strings (allow, deny, needs …).</summary>
internal static class RuleTesting
{
    public static readonly RuleAuth Me = new("me", "uid-me", "WECHAT-OPEN");

    /// <summary>2024-01-01T00:00:00Z, so <c>now</c> is 1704067200000.</summary>
    public static readonly DateTime FixedNow = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static RuleOutcome OverQuery(string expression, string query, bool signedIn = true, Fetched? fetched = null) =>
        RuleEvaluator.Evaluate(RuleExpression.Parse(expression, RuleTarget.Database), new RuleContext
        {
            Auth = signedIn ? Me : null,
            Now = FixedNow,
            QueryCondition = BsonDocument.Parse(query),
            Fetched = fetched?.Documents ?? new Dictionary<DocumentReference, BsonDocument?>(),
        });

    public static RuleOutcome OnCreate(string expression, string document, bool signedIn = true, Fetched? fetched = null) =>
        RuleEvaluator.Evaluate(RuleExpression.Parse(expression, RuleTarget.Database), new RuleContext
        {
            Auth = signedIn ? Me : null,
            Now = FixedNow,
            Document = BsonDocument.Parse(document),
            Fetched = fetched?.Documents ?? new Dictionary<DocumentReference, BsonDocument?>(),
        });

    /// <summary>allow, deny, or <c>needs database.a.b,database.a.c</c>.</summary>
    public static string Verdict(RuleOutcome outcome) => outcome switch
    {
        RuleOutcome.Allowed => "allow",
        RuleOutcome.Denied => "deny",
        RuleOutcome.NeedsDocuments needs => "needs " + string.Join(",", needs.Documents),
        _ => throw new InvalidOperationException(outcome.ToString()),
    };

    public static string Reason(RuleOutcome outcome) => outcome is RuleOutcome.Denied denied ? denied.Reason : $"not denied: {outcome}";

    /// <summary>get() documents "loaded" so far, written as <c>database.rooms.r1={owner:'me'};database.rooms.r2=null</c>.</summary>
    public sealed class Fetched(string entries)
    {
        public IReadOnlyDictionary<DocumentReference, BsonDocument?> Documents { get; } = Parse(entries);

        private static Dictionary<DocumentReference, BsonDocument?> Parse(string entries)
        {
            var documents = new Dictionary<DocumentReference, BsonDocument?>();
            foreach (var entry in entries.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = entry.IndexOf('=');
                var path = entry[..equals]["database.".Length..];
                var dot = path.LastIndexOf('.');
                var body = entry[(equals + 1)..];
                documents[new DocumentReference(path[..dot], path[(dot + 1)..])] = body == "null" ? null : BsonDocument.Parse(body);
            }
            return documents;
        }
    }
}
