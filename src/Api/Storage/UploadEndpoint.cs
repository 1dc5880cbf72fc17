using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Files;
using ActorCloud.Actors.Users;
using ActorCloud.Api.Hosting;
using ActorCloud.Api.Identity;
using ActorCloud.Api.Permissions;
using ActorCloud.Documents.Rules;
using ActorCloud.Persistence.Blobs;
using Akka.Actor;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;
using static ActorCloud.Actors.Files.FileCommands;
using static ActorCloud.Actors.Files.FileReplies;

namespace ActorCloud.Api.Storage;

/// <summary>
/// <c>PUT /storage/{env}/{cloudPath}</c>, where <c>uploadFile</c> sends the bytes with the token from
/// <c>storage.getUploadMetadata</c>. The body streams into a new blob (bounded memory whatever the size); only then
/// is the blob committed to the file entity, the one step that makes the new version visible. Failures answer
/// with COS's XML error, which the SDK turns into <c>STORAGE_REQUEST_FAIL</c>.
/// </summary>
public static class UploadEndpoint
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static async Task HandleAsync(
        HttpContext http, string env, string path, StorageSigner signer, FileClient files, BlobStore blobs, StorageAccess access,
        IOptions<ActorCloudOptions> options, ILoggerFactory loggers)
    {
        var requestId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var response = http.Response;
        var resource = "/" + path;
        var token = UploadToken.Read(signer, http.Request.Headers["x-cos-security-token"], http.Request.Headers.Authorization);
        if (token is null || token.Env != env || token.CloudPath != path)
        {
            await CosError.WriteAsync(response, 403, "SignatureDoesNotMatch", "the upload token does not match this path or was altered", resource, requestId);
            return;
        }
        if (token.ExpiresAt < DateTime.UtcNow)
        {
            await CosError.WriteAsync(response, 403, "AccessDenied", "Request has expired: ask for new upload metadata", resource, requestId);
            return;
        }
        var maxBytes = options.Value.Limits.MaxUploadBytes;
        if (http.Request.ContentLength > maxBytes)
        {
            await CosError.WriteAsync(response, 400, "EntityTooLarge", TooLarge(maxBytes), resource, requestId);
            return;
        }

        var entityId = CloudPath.EntityId(env, path);
        try
        {
            if (await UserRefusalAsync(token, entityId, files, access, http.RequestAborted) is { } refused)
            {
                await CosError.WriteAsync(response, 403, "AccessDenied", refused, resource, requestId);
                return;
            }
            if (await files.AskAsync(new ClaimUpload(entityId, token.UploadId, token.ExpiresAt), http.RequestAborted) is FileFailed claimRefused)
            {
                await CosError.WriteAsync(response, 403, "AccessDenied", claimRefused.Message, resource, requestId);
                return;
            }
            // Our own limit applies while streaming; Kestrel's (sized for /admin bodies) must not cut large files.
            http.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = null;
            var contentType = ContentTypeOf(http.Request.ContentType, path);
            var blob = await blobs.UploadAsync(BlobNames.For(entityId, token.UploadId), http.Request.Body, maxBytes, contentType, http.RequestAborted);
            var reply = await files.AskAsync(new CommitUpload(entityId, path, token.UploadId, blob.Name, blob.Size,
                contentType, blob.Sha256, Source: null, token.Caller, token.BasedOn), CancellationToken.None);
            if (reply is FileFailed commitRefused)
            {
                await blobs.DeleteAsync(blob.Name, CancellationToken.None);
                await CosError.WriteAsync(response, 403, "AccessDenied", commitRefused.Message, resource, requestId);
                return;
            }
            response.StatusCode = 200;
            response.Headers.ETag = $"\"{blob.Sha256}\"";
            response.Headers["x-cos-request-id"] = requestId;
        }
        catch (BlobTooLargeException)
        {
            await CosError.WriteAsync(response, 400, "EntityTooLarge", TooLarge(maxBytes), resource, requestId);
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or OperationCanceledException)
        {
            // The client stopped sending (aborted, or fewer bytes than its Content-Length): nothing was committed.
            await CosError.WriteAsync(response, 400, "IncompleteBody", "the upload ended before all of its bytes arrived; nothing was stored", resource, requestId);
        }
        catch (AskTimeoutException)
        {
            await CosError.WriteAsync(response, 503, "ServiceUnavailable", "the file could not be committed in time; upload it again", resource, requestId);
        }
        catch (Azure.RequestFailedException e)
        {
            loggers.CreateLogger(typeof(UploadEndpoint)).LogError(e, "Upload {RequestId} to {Path} failed in blob storage", requestId, path);
            await CosError.WriteAsync(response, 500, "InternalError", "blob storage refused the upload; retry it", resource, requestId);
        }
    }

    /// <summary>
    /// An end user's upload is checked again when the bytes arrive: the permission may have changed since the token
    /// was handed out, and so may the file (another user may have uploaded the path meanwhile). The commit then
    /// checks the version once more, atomically, in the file's entity.
    /// </summary>
    private static async Task<string?> UserRefusalAsync(
        UploadToken token, string entityId, FileClient files, StorageAccess access, CancellationToken cancellation)
    {
        if (token.Caller.Kind != Caller.UserKind) return null;
        var current = (await files.GetAsync(entityId, cancellation)).Current;
        if ((current?.Version ?? 0) != token.BasedOn)
            return "the file changed after this upload was allowed; ask for new upload metadata, which checks the permission again";
        var user = new UserIdentity(token.Env, token.Caller.Uid!, token.LoginType ?? UserMessages.Anonymous, token.Caller.Openid!, null, "");
        var operation = current is null ? RuleOperation.Create : RuleOperation.Update;
        return (await access.RefusalAsync(user, operation, current, cancellation))?.Message;
    }

    /// <summary>The type the client declared, else one from the file name's extension, as COS does.</summary>
    private static string ContentTypeOf(string? declared, string path)
    {
        if (!string.IsNullOrWhiteSpace(declared) && !declared.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase))
            return declared;
        return ContentTypes.TryGetContentType(path, out var inferred) ? inferred : "application/octet-stream";
    }

    private static string TooLarge(long maxBytes) => $"the file is larger than this server's upload limit of {maxBytes} bytes";
}
