using System.Security;
using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Files;
using ActorCloud.Actors.Users;
using ActorCloud.Documents;
using ActorCloud.Api.Gateway;
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
/// <c>/storage/{env}/{cloudPath}</c>, where <c>uploadFile</c> sends the bytes with the token from
/// <c>storage.getUploadMetadata</c>: <c>PUT</c> with the token in headers, or COS's form <c>POST</c> (the 1.x SDK, and
/// <c>uploadFile({method: 'post'})</c>) with it in form fields or in the upload URL itself (the 2.x mini program posts
/// the bare bytes). The body streams into a new blob (bounded memory whatever the size); only then is the blob
/// committed to the file entity, the one step that makes the new version visible. Failures answer with COS's XML
/// error, which the SDK turns into <c>STORAGE_REQUEST_FAIL</c>.
/// </summary>
public static class UploadEndpoint
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>Where a form upload's credentials travel when the client sends no form: the upload URL's query.</summary>
    public const string TokenParameter = "x-cos-security-token";
    public const string SignatureParameter = "signature";

    public sealed record Services(StorageSigner Signer, FileClient Files, BlobStore Blobs, StorageAccess Access,
        IOptions<ActorCloudOptions> Options, ILoggerFactory Loggers);

    public static Task PutAsync(HttpContext http, string env, string path, [AsParameters] Services services)
    {
        var token = UploadToken.Read(services.Signer, http.Request.Headers[TokenParameter], http.Request.Headers.Authorization);
        var maxBytes = services.Options.Value.Limits.MaxUploadBytes;
        if (http.Request.ContentLength > maxBytes)
            return CosError.WriteAsync(http.Response, 400, "EntityTooLarge", TooLarge(maxBytes), "/" + path, NewRequestId());
        LiftBodyLimit(http);
        return StoreAsync(http, env, path, token, http.Request.Body, http.Request.ContentType, StatusCodes.Status200OK, services);
    }

    /// <summary>Our own limit applies while streaming; Kestrel's (sized for <c>/admin</c> bodies) must not cut large files.</summary>
    private static void LiftBodyLimit(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
    }

    public static async Task PostAsync(HttpContext http, string env, string path, [AsParameters] Services services)
    {
        var query = http.Request.Query;
        LiftBodyLimit(http);
        if (!UploadForm.IsForm(http.Request))
        {
            var bare = UploadToken.Read(services.Signer, query[TokenParameter], query[SignatureParameter]);
            await StoreAsync(http, env, path, bare, http.Request.Body, http.Request.ContentType, StatusCodes.Status200OK, services);
            return;
        }
        var (form, problem) = await ReadFormAsync(http);
        if (form is null)
        {
            await CosError.WriteAsync(http.Response, 400, "MalformedPOSTRequest", problem!, "/" + path, NewRequestId());
            return;
        }
        if (form["key"] is { } key && key != path)
        {
            await CosError.WriteAsync(http.Response, 400, "InvalidArgument", "the form's key is not the upload's path", "/" + path, NewRequestId());
            return;
        }
        var token = UploadToken.Read(services.Signer, form[TokenParameter] ?? query[TokenParameter], form[SignatureParameter] ?? query[SignatureParameter]);
        var status = form["success_action_status"] switch
        {
            "200" => StatusCodes.Status200OK,
            "201" => StatusCodes.Status201Created,
            _ => StatusCodes.Status204NoContent,
        };
        await StoreAsync(http, env, path, token, form.File.Body, form.File.ContentType, status, services);
    }

    private static async Task<(UploadForm?, string?)> ReadFormAsync(HttpContext http)
    {
        try
        {
            return await UploadForm.ReadAsync(http.Request, http.RequestAborted);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or BadHttpRequestException)
        {
            return (null, $"the form could not be read: {e.Message}");
        }
    }

    private static async Task StoreAsync(
        HttpContext http, string env, string path, UploadToken? token, Stream body, string? declaredType, int successStatus, Services services)
    {
        var (signer, files, blobs, access, options, loggers) = services;
        var requestId = NewRequestId();
        var response = http.Response;
        var resource = "/" + path;
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
            var contentType = ContentTypeOf(declaredType, path);
            // Each attempt streams into a blob of its own: a claim lives in the entity's memory, so after the entity
            // restarts a second attempt with the same token can be claimed too; sharing a blob, the two could mix their
            // bytes under one version. Apart, only one of them commits (the upload id is in the journal once
            // committed), and the other's blob is deleted.
            var blob = await blobs.UploadAsync(BlobNames.For(entityId, BlobNames.NewUploadId()), body, maxBytes, contentType, http.RequestAborted);
            var reply = await files.AskAsync(new CommitUpload(entityId, path, token.UploadId, blob.Name, blob.Size,
                contentType, blob.Sha256, Source: null, token.Caller, token.BasedOn), CancellationToken.None);
            if (reply is FileFailed commitRefused)
            {
                await blobs.DeleteAsync(blob.Name, CancellationToken.None);
                if (commitRefused.Code == ErrorCodes.SysErr)
                    await CosError.WriteAsync(response, 503, "ServiceUnavailable", $"{commitRefused.Message}; ask for new upload metadata and upload again", resource, requestId);
                else await CosError.WriteAsync(response, 403, "AccessDenied", commitRefused.Message, resource, requestId);
                return;
            }
            response.StatusCode = successStatus;
            response.Headers.ETag = $"\"{blob.Sha256}\"";
            response.Headers["x-cos-request-id"] = requestId;
            if (successStatus == StatusCodes.Status201Created) await WritePostResponseAsync(http, env, path, blob.Sha256);
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

    /// <summary>COS's answer to a form upload that asked for 201.</summary>
    private static Task WritePostResponseAsync(HttpContext http, string env, string path, string sha256)
    {
        http.Response.ContentType = "application/xml";
        return http.Response.WriteAsync("<?xml version='1.0' encoding='utf-8' ?>\n<PostResponse>\n" +
            $"  <Location>{SecurityElement.Escape(StorageUrls.Plain(GatewayPipeline.Origin(http.Request), env, path))}</Location>\n" +
            $"  <Bucket>{SecurityElement.Escape(env)}</Bucket>\n  <Key>{SecurityElement.Escape(path)}</Key>\n" +
            $"  <ETag>\"{sha256}\"</ETag>\n</PostResponse>\n");
    }

    private static string NewRequestId() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

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
