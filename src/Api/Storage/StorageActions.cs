using System.Text.Json;
using ActorCloud.Actors.Files;
using ActorCloud.Api.Gateway;
using ActorCloud.Api.Permissions;
using ActorCloud.Documents;
using ActorCloud.Documents.Rules;
using static ActorCloud.Actors.Files.FileCommands;
using static ActorCloud.Actors.Files.FileReplies;

namespace ActorCloud.Api.Storage;

/// <summary>
/// CloudBase's storage actions on <c>/admin</c>: upload metadata (a one-time upload URL of this server), signed
/// download URLs, delete and copy — batches of at most 50 answered file by file.
/// </summary>
public sealed class StorageActions(FileClient files, FileCopier copier, StorageSigner signer, FileIds ids, StorageAccess access)
{
    public const int MaxBatch = 50;

    public async Task<GatewayReply> GetUploadMetadataAsync(ActionContext context)
    {
        var path = CloudPath.Validate(context.Request.RequiredString("path"));
        int? basedOn = null;
        if (context.User is { } user)
        {
            var existing = await files.GetAsync(CloudPath.EntityId(context.Env, path), context.Cancellation);
            var operation = existing.Current is null ? RuleOperation.Create : RuleOperation.Update;
            if (await access.RefusalAsync(user, operation, existing.Current, context.Cancellation) is { } refusal)
                throw new GatewayError(refusal.Code, refusal.Message);
            basedOn = existing.Current?.Version ?? 0;
        }
        var uploadId = BlobNames.NewUploadId();
        var expires = DateTimeOffset.UtcNow.Add(FileState.UploadTokenLifetime).ToUnixTimeSeconds();
        var (token, authorization) = new UploadToken(context.Env, path, uploadId, expires, context.Caller, context.User?.LoginType, basedOn).Issue(signer);
        return new GatewayReply(w =>
        {
            w.WriteString("url", IsPut(context.Request)
                ? StorageUrls.Upload(context.Origin, context.Env, path)
                : StorageUrls.FormUpload(context.Origin, context.Env, path, token, authorization));
            w.WriteString("token", token);
            w.WriteString("authorization", authorization);
            w.WriteString("fileId", ids.Format(context.Env, path));
            w.WriteString("cosFileId", uploadId);
            w.WriteString("download_url", StorageUrls.Plain(context.Origin, context.Env, path));
        });
    }

    /// <summary>
    /// The SDKs upload with PUT when they say so (<c>method: "put"</c>: node-sdk, wx-server-sdk, the web SDK's default)
    /// and otherwise with COS's form POST (the 1.x web SDK names no method), whose URL carries the credentials too.
    /// The form URL takes a PUT as well, so a caller that names no method and PUTs is served either way.
    /// </summary>
    private static bool IsPut(GatewayRequest request) =>
        string.Equals(request.OptionalString("method"), "put", StringComparison.OrdinalIgnoreCase);

    public async Task<GatewayReply> BatchGetDownloadUrlAsync(ActionContext context)
    {
        var items = context.Request.Array("file_list", MaxBatch);
        var outcomes = await Task.WhenAll(items.Select(item => DownloadUrlAsync(context, item)));
        return BatchReply("download_list", outcomes, (w, outcome) =>
        {
            outcome.WriteCommon(w);
            w.WriteString("tempFileURL", outcome.Url ?? "");
            // The web SDK's downloadFile fetches download_url, every SDK's getTempFileURL shows tempFileURL.
            w.WriteString("download_url", outcome.Url ?? "");
            if (outcome.MaxAge is { } maxAge) w.WriteNumber("maxAge", maxAge);
        });
    }

    private async Task<FileOutcome> DownloadUrlAsync(ActionContext context, JsonElement item)
    {
        var fileId = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("fileid", out var f) && f.ValueKind == JsonValueKind.String
            ? f.GetString()!
            : "";
        return await FileOutcome.RunAsync(fileId, async () =>
        {
            if (fileId.Length == 0) throw Invalid("each file_list item needs a fileid string");
            var path = ids.PathIn(context.Env, fileId);
            var maxAge = MaxAge(item);
            var version = OptionalInt(item, "version");
            var view = await files.GetAsync(CloudPath.EntityId(context.Env, path), context.Cancellation);
            if (view.Current is null) throw NotFound(path);
            if (context.User is { } user && await access.RefusalAsync(user, RuleOperation.Read, view.Current, context.Cancellation) is { } refusal)
                throw refusal;
            if (version is not null && view.Versions.All(v => v.Version != version))
                throw new DocumentException(ErrorCodes.StorageFileNonExist, $"version {version} of '{path}' is not retained");
            var expires = DateTimeOffset.UtcNow.AddSeconds(maxAge).ToUnixTimeSeconds();
            var url = DownloadLink.Url(signer, context.Origin, context.Env, path, expires, view.UrlGeneration, version);
            return FileOutcome.Ok(fileId) with { Url = url, MaxAge = maxAge };
        });
    }

    public async Task<GatewayReply> BatchDeleteFileAsync(ActionContext context)
    {
        var outcomes = await FileIdBatch.RunAsync(context, files, ids, (entityId, path) => new DeleteFile(entityId, path, context.Caller),
            context.User is { } user ? async entityId =>
            {
                var view = await files.GetAsync(entityId, context.Cancellation);
                return view.Current is null ? null : await access.RefusalAsync(user, RuleOperation.Delete, view.Current, context.Cancellation);
            } : null);
        return BatchReply("delete_list", outcomes);
    }

    public async Task<GatewayReply> BatchCopyFileAsync(ActionContext context)
    {
        var items = context.Request.Array("file_list", MaxBatch);
        var outcomes = await Task.WhenAll(items.Select(item => CopyAsync(context, item)));
        return BatchReply("copy_list", outcomes, (w, outcome) =>
        {
            if (outcome.Succeeded) w.WriteString("fileId", outcome.FileId);
            else outcome.WriteCommon(w, "fileId");
        });
    }

    private async Task<FileOutcome> CopyAsync(ActionContext context, JsonElement item)
    {
        var source = StringMember(item, "src_path");
        var target = StringMember(item, "dst_path");
        return await FileOutcome.RunAsync(target ?? "", async () =>
        {
            if (source is null || target is null) throw Invalid("each file_list item needs src_path and dst_path strings");
            var sourcePath = ids.PathOrFileId(context.Env, source);
            var targetPath = ids.PathOrFileId(context.Env, target);
            if (sourcePath == targetPath) throw Invalid("src_path and dst_path must differ");
            if (Path.GetFileName(sourcePath) != Path.GetFileName(targetPath))
                throw Invalid("a copy keeps the file name: src_path and dst_path must end in the same name");
            var view = await files.GetAsync(CloudPath.EntityId(context.Env, sourcePath), context.Cancellation);
            if (view.Current is null) throw NotFound(sourcePath);
            var overwrite = OptionalBool(item, "overwrite") ?? true;
            if (!overwrite && (await files.GetAsync(CloudPath.EntityId(context.Env, targetPath), context.Cancellation)).Current is not null)
                throw new DocumentException(ErrorCodes.StorageRequestFail, $"'{targetPath}' exists and overwrite is false");
            await copier.CommitCopyAsync(view.Current, context.Env, targetPath, $"copy:{sourcePath}@{view.Current.Version}",
                context.Caller, context.Cancellation);
            if (OptionalBool(item, "remove_original") == true)
                await files.AskAsync(new DeleteFile(CloudPath.EntityId(context.Env, sourcePath), sourcePath, context.Caller), context.Cancellation);
            return FileOutcome.Ok(ids.Format(context.Env, targetPath));
        });
    }

    /// <summary>A batch answer: one object per file, written by <paramref name="write"/> (by default fileID, code, message).</summary>
    internal static GatewayReply BatchReply(string listName, IEnumerable<FileOutcome> outcomes, Action<Utf8JsonWriter, FileOutcome>? write = null) => new(w =>
    {
        w.WriteStartArray(listName);
        foreach (var outcome in outcomes)
        {
            w.WriteStartObject();
            if (write is null) outcome.WriteCommon(w);
            else write(w, outcome);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    /// <summary><c>max_age</c> in seconds: CloudBase's default and cap of one day; zero or less is refused.</summary>
    private static int MaxAge(JsonElement item)
    {
        var maxAge = OptionalInt(item, "max_age") ?? DownloadLink.MaxAgeSeconds;
        if (maxAge <= 0) throw Invalid("max_age must be a positive number of seconds");
        return Math.Min(maxAge, DownloadLink.MaxAgeSeconds);
    }

    private static int? OptionalInt(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || number != Math.Floor(number))
            throw Invalid($"{name} must be an integer");
        return (int)Math.Clamp(number, int.MinValue, int.MaxValue);
    }

    private static bool? OptionalBool(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            _ => throw Invalid($"{name} must be a boolean"),
        } : null;

    private static string? StringMember(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    internal static DocumentException NotFound(string path) => new(ErrorCodes.StorageFileNonExist, $"file '{path}' does not exist");

    private static DocumentException Invalid(string message) => new(ErrorCodes.InvalidParam, message);
}
