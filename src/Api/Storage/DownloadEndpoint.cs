using System.Globalization;
using ActorCloud.Actors.Files;
using ActorCloud.Persistence.Blobs;
using Microsoft.Net.Http.Headers;

namespace ActorCloud.Api.Storage;

/// <summary>
/// <c>GET</c>/<c>HEAD /storage/{env}/{cloudPath}?sign=…&amp;t=…</c>: the temporary URLs <c>getTempFileURL</c> hands out.
/// The signature is checked against the file's current URL generation (so deleted files and revoked links stop at
/// once), then the blob streams out with <c>Content-Type</c>, <c>Content-Length</c>, <c>ETag</c>, <c>Last-Modified</c>
/// and single-range <c>Range</c> support. Bad, expired or revoked signatures get 403, missing files 404.
/// </summary>
public static class DownloadEndpoint
{

    public static async Task HandleAsync(HttpContext http, string env, string path, StorageSigner signer, FileClient files, BlobStore blobs)
    {
        var requestId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var request = http.Request;
        var response = http.Response;
        var resource = "/" + path;
        string? sign = request.Query["sign"];
        if (sign is null || !long.TryParse(request.Query["t"], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            await CosError.WriteAsync(response, 403, "AccessDenied", "the URL carries no signature; ask getTempFileURL for one", resource, requestId);
            return;
        }
        if (DateTimeOffset.FromUnixTimeSeconds(Math.Min(expires, 253402300799)) < DateTimeOffset.UtcNow)
        {
            await CosError.WriteAsync(response, 403, "AccessDenied", "Request has expired", resource, requestId);
            return;
        }
        int? version = int.TryParse(request.Query["v"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        var generation = request.Query.ContainsKey("g")
            ? int.TryParse(request.Query["g"], NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : -1
            : 0;
        if (generation < 0 || !DownloadLink.Verify(signer, env, path, expires, generation, version, sign))
        {
            await CosError.WriteAsync(response, 403, "SignatureDoesNotMatch", "the signature does not match this URL", resource, requestId);
            return;
        }
        var view = await files.GetAsync(CloudPath.EntityId(env, path), http.RequestAborted);
        if (view.UrlGeneration != generation)
        {
            await CosError.WriteAsync(response, 403, "AccessDenied", "this URL was revoked; ask getTempFileURL for a new one", resource, requestId);
            return;
        }
        var file = version is null ? view.Current : view.Current is null ? null : view.Versions.FirstOrDefault(x => x.Version == version);
        if (file is null)
        {
            await CosError.WriteAsync(response, 404, "NoSuchKey", "The specified key does not exist.", resource, requestId);
            return;
        }
        await SendAsync(http, file, blobs, requestId, resource);
    }

    private static async Task SendAsync(HttpContext http, FileVersion file, BlobStore blobs, string requestId, string resource)
    {
        var request = http.Request;
        var response = http.Response;
        var etag = new EntityTagHeaderValue($"\"{file.Sha256}\"");
        var headers = response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = file.UploadedAt;
        response.Headers.AcceptRanges = "bytes";
        response.Headers["x-cos-request-id"] = requestId;
        var conditions = request.GetTypedHeaders();
        if (conditions.IfNoneMatch.Any(tag => tag.Compare(etag, useStrongComparison: false) || tag.Equals(EntityTagHeaderValue.Any)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var (offset, length, status) = ByteRange.Select(request, etag, file.Size);
        if (status == StatusCodes.Status416RangeNotSatisfiable)
        {
            response.Headers.ContentRange = $"bytes */{file.Size}";
            await CosError.WriteAsync(response, 416, "InvalidRange", "The requested range is not satisfiable", resource, requestId);
            return;
        }
        response.StatusCode = status;
        response.ContentType = file.ContentType;
        response.ContentLength = length;
        if (status == StatusCodes.Status206PartialContent)
            response.Headers.ContentRange = $"bytes {offset}-{offset + length - 1}/{file.Size}";
        if (HttpMethods.IsHead(request.Method) || length == 0) return;

        var whole = status == StatusCodes.Status200OK;
        await using var content = await blobs.OpenReadAsync(file.BlobName, offset, whole ? null : length, http.RequestAborted);
        if (content is null)
        {
            response.ContentLength = null;
            await CosError.WriteAsync(response, 404, "NoSuchKey", "The file's content is no longer retained.", resource, requestId);
            return;
        }
        await OverlappedCopy.CopyAsync(content, response.Body, http.RequestAborted);
    }
}
