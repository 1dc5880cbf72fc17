using ActorCloud.Actors.Collections;
using ActorCloud.Actors.Permissions;
using ActorCloud.Api.Gateway;
using ActorCloud.Api.Gateway.Database;
using ActorCloud.Api.Identity;
using ActorCloud.Documents;
using ActorCloud.Documents.Rules;
using MongoDB.Bson;

namespace ActorCloud.Api.Permissions;

/// <summary>
/// An end user's database request under the collection's permission: the classic modes' silent filters and
/// refusals (protocol notes §4.2), or the security rules' subset check (§4.3); <c>'{openid}'</c> in a query becomes
/// the caller's openid. A permission change applies to requests checked after it is durable.
/// </summary>
public sealed class CollectionAccess(CollectionClient collections, RuleCache rules, RuleChecks checks)
{
    public const string OpenidPlaceholder = "{openid}";

    /// <summary>The filter an end user's read, update or remove runs with.</summary>
    public async Task<BsonDocument> FilterAsync(
        UserIdentity user, string entityId, RuleOperation operation, BsonDocument query, BsonDocument? requestData, CancellationToken cancellation)
    {
        query = SubstituteOpenid(query, user.Openid);
        var permission = await PermissionAsync(entityId, cancellation);
        if (!permission.IsCustom)
            return ClassicModes.Filter(permission.AclTag, operation, query, user.Openid) ?? throw Denied(permission.AclTag, operation);
        var context = new RuleContext { Auth = RuleChecks.AuthOf(user), QueryCondition = query, RequestData = requestData };
        await CheckRuleAsync(permission, operation, context, user.Env, cancellation);
        return query;
    }

    /// <summary>The documents an end user adds, each with the caller's <c>_openid</c>.</summary>
    public async Task<IReadOnlyList<BsonDocument>> ForInsertAsync(
        UserIdentity user, string entityId, IReadOnlyList<BsonDocument> documents, CancellationToken cancellation)
    {
        var owned = documents.Select(d => OpenidGuard.ForInsert(d, user.Openid)).ToList();
        var permission = await PermissionAsync(entityId, cancellation);
        foreach (var document in owned)
        {
            if (await CreateRefusalAsync(user, permission, document, cancellation) is { } refusal) throw refusal;
        }
        return owned;
    }

    /// <summary>
    /// Whether an end user's <c>doc(id).set()</c> may create the document when none matches: the <c>create</c>
    /// permission over the document it would insert (its <c>_id</c> and the caller's <c>_openid</c>).
    /// </summary>
    public async Task<bool> MayCreateAsync(UserIdentity user, string entityId, BsonDocument document, CancellationToken cancellation) =>
        await CreateRefusalAsync(user, await PermissionAsync(entityId, cancellation), OpenidGuard.ForInsert(document, user.Openid), cancellation) is null;

    private async Task<GatewayError?> CreateRefusalAsync(UserIdentity user, Permission permission, BsonDocument document, CancellationToken cancellation)
    {
        if (!permission.IsCustom)
            return ClassicModes.Filter(permission.AclTag, RuleOperation.Create, [], user.Openid) is null ? Denied(permission.AclTag, RuleOperation.Create) : null;
        var context = new RuleContext { Auth = RuleChecks.AuthOf(user), Document = document, RequestData = document };
        return await RuleRefusalAsync(permission, RuleOperation.Create, context, user.Env, cancellation);
    }

    /// <summary>
    /// Replaces <c>'{openid}'</c> where CloudBase does: as a field's literal value, at the top level or inside
    /// <c>$and</c>/<c>$or</c>/<c>$nor</c> — not inside commands.
    /// </summary>
    public static BsonDocument SubstituteOpenid(BsonDocument query, string openid)
    {
        BsonDocument? result = null;
        for (var i = 0; i < query.ElementCount; i++)
        {
            var element = query.GetElement(i);
            var value = element.Value switch
            {
                BsonString { Value: OpenidPlaceholder } when !element.Name.StartsWith('$') => new BsonString(openid),
                BsonArray branches when element.Name is "$and" or "$or" or "$nor" => Substituted(branches, openid),
                var other => other,
            };
            if (ReferenceEquals(value, element.Value)) continue;
            result ??= new BsonDocument(query.Elements);
            result[i] = value;
        }
        return result ?? query;
    }

    private static BsonValue Substituted(BsonArray branches, string openid)
    {
        var changed = branches.Select(b => b is BsonDocument d ? SubstituteOpenid(d, openid) : b).ToList();
        return changed.Where((b, i) => !ReferenceEquals(b, branches[i])).Any() ? new BsonArray(changed) : branches;
    }

    private async Task<Permission> PermissionAsync(string entityId, CancellationToken cancellation)
    {
        var reply = await collections.PermissionAsync(entityId, cancellation);
        if (reply.Exists) return reply.Permission;
        var missing = CollectionReads.NotExist(entityId[(entityId.IndexOf('/') + 1)..]);
        throw new GatewayError(missing.Code, missing.Message);
    }

    private async Task CheckRuleAsync(Permission permission, RuleOperation operation, RuleContext context, string env, CancellationToken cancellation)
    {
        if (await RuleRefusalAsync(permission, operation, context, env, cancellation) is { } refusal) throw refusal;
    }

    private async Task<GatewayError?> RuleRefusalAsync(
        Permission permission, RuleOperation operation, RuleContext context, string env, CancellationToken cancellation)
    {
        var rule = rules.Get(permission, RuleTarget.Database).For(operation);
        return await checks.DenialAsync(rule, context, env, cancellation) is { } reason
            ? new GatewayError(ErrorCodes.DatabasePermissionDenied, $"Permission denied by the collection's security rules: {reason}")
            : null;
    }

    private static GatewayError Denied(string aclTag, RuleOperation operation) => new(ErrorCodes.DatabasePermissionDenied,
        $"Permission denied: the collection's permission {aclTag} does not let end users {operation.ToString().ToLowerInvariant()}");
}
