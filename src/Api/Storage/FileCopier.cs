using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Files;
using ActorCloud.Documents;
using ActorCloud.Persistence.Blobs;
using static ActorCloud.Actors.Files.FileReplies;

namespace ActorCloud.Api.Storage;

/// <summary>
/// Makes an existing version the content of a path — a copy to another path or the restore of an earlier version
/// of the same one. The blob is copied server-side to a new name first; the commit to the target file entity is
/// what makes it visible, exactly as for an upload.
/// </summary>
public sealed class FileCopier(FileClient files, BlobStore blobs)
{
    public async Task<FileVersion> CommitCopyAsync(
        FileVersion source, string env, string targetPath, string origin, Caller caller, CancellationToken cancellation)
    {
        var entityId = CloudPath.EntityId(env, targetPath);
        var uploadId = BlobNames.NewUploadId();
        var blobName = BlobNames.For(entityId, uploadId);
        await blobs.CopyAsync(source.BlobName, blobName, cancellation);
        var reply = await files.AskAsync(new FileCommands.CommitUpload(
            entityId, targetPath, uploadId, blobName, source.Size, source.ContentType, source.Sha256, origin, caller), cancellation);
        return reply switch
        {
            FileCommitted committed => committed.Version,
            FileFailed failed => throw new DocumentException(failed.Code, failed.Message),
            _ => throw new InvalidOperationException($"a commit was answered with {reply.GetType().Name}"),
        };
    }
}
