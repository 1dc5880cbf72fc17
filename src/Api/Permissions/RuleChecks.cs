using ActorCloud.Api.Gateway;
using ActorCloud.Api.Gateway.Database;
using ActorCloud.Api.Identity;
using ActorCloud.Documents.Rules;
using MongoDB.Bson;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Api.Permissions;

/// <summary>
/// Evaluates a security rule for an end user, loading the documents its <c>get()</c> calls name (with admin rights,
/// as CloudBase's rule engine reads them) between passes; nesting is at most two deep, so at most three passes run.
/// </summary>
public sealed class RuleChecks(CollectionClient collections)
{
    private const int MaxPasses = 4;

    public static RuleAuth AuthOf(UserIdentity user) => new(user.Openid, user.Uid, user.RuleLoginType);

    /// <returns>Null when allowed, else why not.</returns>
    public async Task<string?> DenialAsync(RuleExpression? rule, RuleContext context, string env, CancellationToken cancellation)
    {
        if (rule is null) return "no rule allows this operation";
        var fetched = new Dictionary<DocumentReference, BsonDocument?>();
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            switch (RuleEvaluator.Evaluate(rule, pass == 0 ? context : WithFetched(context, fetched)))
            {
                case RuleOutcome.Allowed:
                    return null;
                case RuleOutcome.Denied denied:
                    return denied.Reason;
                case RuleOutcome.NeedsDocuments needs:
                    foreach (var reference in needs.Documents) fetched[reference] = await LoadAsync(env, reference, cancellation);
                    break;
            }
        }
        return "the rule's get() calls nest too deeply";
    }

    private static RuleContext WithFetched(RuleContext context, Dictionary<DocumentReference, BsonDocument?> fetched) => new()
    {
        Auth = context.Auth,
        Now = context.Now,
        QueryCondition = context.QueryCondition,
        Document = context.Document,
        RequestData = context.RequestData,
        Resource = context.Resource,
        Fetched = fetched,
    };

    private async Task<BsonDocument?> LoadAsync(string env, DocumentReference reference, CancellationToken cancellation)
    {
        try
        {
            var found = await collections.ReadAsync<Found>(new FindDocuments(
                CollectionClient.EntityId(env, reference.Collection), new BsonDocument("_id", reference.Id), null, 0, 1), true, cancellation);
            return found.Documents.FirstOrDefault();
        }
        catch (GatewayError)
        {
            return null;
        }
    }
}
