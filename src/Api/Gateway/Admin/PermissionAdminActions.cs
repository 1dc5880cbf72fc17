using ActorCloud.Actors.Permissions;
using ActorCloud.Api.Gateway.Database;
using ActorCloud.Api.Identity;
using ActorCloud.Documents;
using ActorCloud.Documents.Rules;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;
using static ActorCloud.Actors.Environments.EnvironmentMessages;

namespace ActorCloud.Api.Gateway.Admin;

/// <summary>
/// Reading and changing what end users may do, in the management API's shapes (cloudbase-manager-protocol.md §4–5):
/// a collection's classic mode (<c>ModifyDatabaseACL</c>) or security rules (<c>ModifySafeRule</c>), and the
/// environment's storage permission (<c>ModifyStorageSafeRule</c>). Rules are validated before anything is saved.
/// </summary>
public sealed class PermissionAdminActions(CollectionClient collections, EnvironmentSecurity security)
{
    public async Task<GatewayReply> ModifyDatabaseAclAsync(ActionContext context)
    {
        var tag = context.Request.RequiredString("AclTag");
        if (!Permission.ClassicTags.Contains(tag))
            throw new GatewayError(ErrorCodes.InvalidParam,
                $"AclTag must be one of {string.Join(", ", Permission.ClassicTags)} (CUSTOM rules are set with ModifySafeRule)");
        await SetAsync(context, new Permission(tag));
        return GatewayReply.Empty;
    }

    public async Task<GatewayReply> ModifySafeRuleAsync(ActionContext context)
    {
        await SetAsync(context, new Permission(Permission.Custom, ValidatedRule(context, RuleTarget.Database)));
        return GatewayReply.Empty;
    }

    public async Task<GatewayReply> DescribeAsync(ActionContext context)
    {
        var reply = await collections.AskAsync<PermissionReply>(new GetPermission(CollectionId(context)), context.Cancellation);
        if (!reply.Exists) throw new GatewayError(ErrorCodes.DatabaseCollectionNotExist, $"Db or Table not exist: {CollectionName(context)}");
        return Described(reply.Permission);
    }

    public async Task<GatewayReply> ModifyStorageAsync(ActionContext context)
    {
        var tag = context.Request.RequiredString("AclTag");
        var permission = tag == Permission.Custom
            ? new Permission(tag, ValidatedRule(context, RuleTarget.Storage))
            : Permission.ClassicTags.Contains(tag)
                ? new Permission(tag)
                : throw new GatewayError(ErrorCodes.InvalidParam, $"AclTag must be one of {string.Join(", ", Permission.ClassicTags)} or CUSTOM");
        await security.AskAsync(new SetStoragePermission(context.Env, context.Caller, permission), context.Cancellation);
        return GatewayReply.Empty;
    }

    public async Task<GatewayReply> DescribeStorageAsync(ActionContext context) =>
        Described((await security.GetAsync(context.Env, context.Cancellation, fresh: true)).Storage);

    private async Task SetAsync(ActionContext context, Permission permission) =>
        await collections.AskAsync<Done>(new SetPermission(CollectionId(context), context.Caller, permission), context.Cancellation);

    /// <summary>The rule set, given as a JSON string (the management API's shape) or an object, parsed to refuse a bad one.</summary>
    private static string ValidatedRule(ActionContext context, RuleTarget target)
    {
        var rule = context.Request.Element("Rule") switch
        {
            { ValueKind: System.Text.Json.JsonValueKind.String } text => text.GetString()!,
            { ValueKind: System.Text.Json.JsonValueKind.Object } json => json.GetRawText(),
            _ => throw new GatewayError(ErrorCodes.InvalidParam, "Rule is required: the security rules as a JSON object or its JSON text"),
        };
        try
        {
            return SecurityRules.Parse(rule, target).Json;
        }
        catch (RuleException e)
        {
            throw new GatewayError(e.Code, $"invalid security rules: {e.Message}");
        }
    }

    private static GatewayReply Described(Permission permission) => new(w =>
    {
        w.WriteString("AclTag", permission.AclTag);
        if (permission.Rule is null) w.WriteNull("Rule");
        else w.WriteString("Rule", permission.Rule);
    });

    private static string CollectionName(ActionContext context) =>
        context.Request.OptionalString("CollectionName") ?? context.Request.RequiredString("collectionName");

    private static string CollectionId(ActionContext context) => CollectionClient.EntityId(context.Env, CollectionName(context));
}
