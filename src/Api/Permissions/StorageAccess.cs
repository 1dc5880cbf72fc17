using ActorCloud.Actors.Files;
using ActorCloud.Actors.Permissions;
using ActorCloud.Api.Identity;
using ActorCloud.Documents;
using ActorCloud.Documents.Rules;
using MongoDB.Bson;

namespace ActorCloud.Api.Permissions;

/// <summary>
/// An end user's file operations under the environment's storage permission (protocol notes §4.4): the four presets
/// by the file's creator — the openid that uploaded its current version — or storage rules over <c>auth</c> and
/// <c>resource.openid</c>. A path with no file yet counts as the caller's own (they would create it).
/// </summary>
public sealed class StorageAccess(EnvironmentSecurity security, RuleCache rules, RuleChecks checks)
{
    /// <summary>Null when allowed, else the per-file refusal (<c>STORAGE_EXCEED_AUTHORITY</c>).</summary>
    public async Task<DocumentException?> RefusalAsync(
        UserIdentity user, RuleOperation operation, FileVersion? current, CancellationToken cancellation)
    {
        var permission = (await security.GetAsync(user.Env, cancellation)).Storage;
        var owner = current is null ? user.Openid : current.By.Openid;
        var own = owner == user.Openid;
        var write = operation != RuleOperation.Read;
        bool allowed;
        if (permission.IsCustom)
        {
            var context = new RuleContext
            {
                Auth = RuleChecks.AuthOf(user),
                Resource = new BsonDocument("openid", owner is null ? BsonNull.Value : new BsonString(owner)),
            };
            allowed = await checks.DenialAsync(rules.Get(permission, RuleTarget.Storage).For(operation), context, user.Env, cancellation) is null;
        }
        else
        {
            allowed = permission.AclTag switch
            {
                Permission.ReadOnly => !write || own,
                Permission.Private => own,
                Permission.AdminWrite => !write,
                _ => false,
            };
        }
        return allowed
            ? null
            : new DocumentException(ErrorCodes.StorageExceedAuthority,
                $"permission denied: the storage permission {permission.AclTag} does not let this user {(write ? "write" : "read")} the file");
    }
}
