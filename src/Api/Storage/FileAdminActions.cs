using System.Text.Json;
using ActorCloud.Actors.Files;
using ActorCloud.Api.Gateway;
using ActorCloud.Documents;
using static ActorCloud.Actors.Files.FileCommands;
using static ActorCloud.Actors.Files.FileReplies;

namespace ActorCloud.Api.Storage;

/// <summary>
/// ActorCloud's own file chores on <c>/admin</c>, beyond CloudBase: a file's retained versions, restoring one of
/// them (as a new version; history is never rewritten), revoking a file's download URLs, and sweeping now.
/// </summary>
public sealed class FileAdminActions(FileClient files, FileCopier copier, FileIds ids, BlobSweeper sweeper)
{
    public async Task<GatewayReply> ListVersionsAsync(ActionContext context)
    {
        var path = ids.PathOrFileId(context.Env, context.Request.RequiredString("fileid"));
        var view = await files.GetAsync(CloudPath.EntityId(context.Env, path), context.Cancellation);
        if (view.CloudPath is null) throw StorageActions.NotFound(path);
        return new GatewayReply(w =>
        {
            w.WriteString("fileID", ids.Format(context.Env, path));
            if (view.Current is null) w.WriteNull("current");
            else w.WriteNumber("current", view.Current.Version);
            w.WriteStartArray("versions");
            foreach (var version in view.Versions) Write(w, version);
            w.WriteEndArray();
        });
    }

    public async Task<GatewayReply> RestoreAsync(ActionContext context)
    {
        var path = ids.PathOrFileId(context.Env, context.Request.RequiredString("fileid"));
        var number = context.Request.Int("version", 1, int.MaxValue) ?? throw new DocumentException(ErrorCodes.InvalidParam, "version is required");
        var view = await files.GetAsync(CloudPath.EntityId(context.Env, path), context.Cancellation);
        var source = view.Versions.FirstOrDefault(v => v.Version == number)
                     ?? throw new DocumentException(ErrorCodes.StorageFileNonExist, $"version {number} of '{path}' is not retained");
        var restored = await copier.CommitCopyAsync(source, context.Env, path, $"restore:{number}", context.Caller, context.Cancellation);
        return new GatewayReply(w =>
        {
            w.WriteString("fileID", ids.Format(context.Env, path));
            w.WriteNumber("version", restored.Version);
        });
    }

    public async Task<GatewayReply> RevokeUrlsAsync(ActionContext context)
    {
        var outcomes = await FileIdBatch.RunAsync(context, files, ids, (entityId, path) => new RevokeUrls(entityId, path, context.Caller));
        return StorageActions.BatchReply("revoke_list", outcomes);
    }

    /// <summary>Sweeps unreferenced blobs now (<c>graceSeconds</c>, default one hour, spares younger ones).</summary>
    public async Task<GatewayReply> SweepAsync(ActionContext context)
    {
        var grace = TimeSpan.FromSeconds(context.Request.Int("graceSeconds", 0, int.MaxValue) ?? 3600);
        var result = await sweeper.SweepAsync(grace, context.Cancellation);
        return new GatewayReply(w =>
        {
            w.WriteNumber("examined", result.Examined);
            w.WriteNumber("deleted", result.Deleted);
        });
    }

    private static void Write(Utf8JsonWriter w, FileVersion version)
    {
        w.WriteStartObject();
        w.WriteNumber("version", version.Version);
        w.WriteNumber("size", version.Size);
        w.WriteString("contentType", version.ContentType);
        w.WriteString("sha256", version.Sha256);
        w.WriteString("uploadedAt", version.UploadedAt);
        if (version.Source is not null) w.WriteString("source", version.Source);
        w.WritePropertyName("by");
        CallerJson.Write(w, version.By);
        w.WriteEndObject();
    }
}
