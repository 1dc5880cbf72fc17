using System.Security.Cryptography;
using ActorCloud.Api.Identity;
using static ActorCloud.Actors.Environments.EnvironmentMessages;

namespace ActorCloud.Api.Gateway.Admin;

/// <summary>
/// An environment's sign-in keys: custom-login key files (the private key is handed to the admin once, in the
/// console's key-file shape that <c>@cloudbase/node-sdk</c>'s <c>credentials</c> takes; only the public key is kept),
/// and rotation of the keys user tokens are signed with.
/// </summary>
public sealed class IdentityAdminActions(EnvironmentSecurity security)
{
    public async Task<GatewayReply> CreateLoginKeyAsync(ActionContext context)
    {
        using var rsa = RSA.Create(2048);
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await security.AskAsync(new AddLoginKey(context.Env, context.Caller,
            new LoginKey(keyId, rsa.ExportSubjectPublicKeyInfoPem(), DateTime.UtcNow)), context.Cancellation);
        var privateKey = rsa.ExportRSAPrivateKeyPem();
        return new GatewayReply(w =>
        {
            w.WriteString("private_key_id", keyId);
            w.WriteString("private_key", privateKey);
            w.WriteString("env_id", context.Env);
        });
    }

    public async Task<GatewayReply> ListLoginKeysAsync(ActionContext context)
    {
        var settings = await security.GetAsync(context.Env, context.Cancellation, fresh: true);
        return new GatewayReply(w =>
        {
            w.WriteStartArray("Keys");
            foreach (var key in settings.LoginKeys)
            {
                w.WriteStartObject();
                w.WriteString("private_key_id", key.KeyId);
                w.WriteString("CreateTime", key.CreatedAt.ToString("O"));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
    }

    public async Task<GatewayReply> DeleteLoginKeyAsync(ActionContext context)
    {
        await security.AskAsync(new RemoveLoginKey(context.Env, context.Caller, context.Request.RequiredString("private_key_id")), context.Cancellation);
        return GatewayReply.Empty;
    }

    /// <summary>
    /// A new signing key for user tokens. Tokens signed with the old ones stay valid until they expire, unless
    /// <c>RetirePrevious</c> (a leaked key) ends them at once — every signed-in user then refreshes or signs in again.
    /// </summary>
    public async Task<GatewayReply> RotateTokenKeyAsync(ActionContext context)
    {
        var candidate = EnvironmentSecurity.NewTokenKey();
        await security.AskAsync(new RotateTokenKey(context.Env, context.Caller, candidate, context.Request.Bool("RetirePrevious", false)),
            context.Cancellation);
        return new GatewayReply(w => w.WriteString("KeyId", candidate.KeyId));
    }
}
