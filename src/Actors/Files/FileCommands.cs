using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Sharding;

namespace ActorCloud.Actors.Files;

/// <summary>A message for one file entity (<c>{env}/</c> + SHA-256 of the cloud path).</summary>
public interface IFileMessage : IEntityMessage;

public static class FileCommands
{
    /// <summary>
    /// Takes an upload token's id before its bytes are streamed, so the same token can't feed two uploads;
    /// answered <see cref="FileReplies.UploadClaimed"/> or <see cref="FileReplies.FileFailed"/>.
    /// </summary>
    public sealed record ClaimUpload(string EntityId, string UploadId, DateTime ExpiresAt) : IFileMessage;

    /// <summary>
    /// Makes a written blob the file's content: the one moment a new version becomes visible. With
    /// <paramref name="ExpectedVersion"/> (an end user's upload: the version their permission was checked against, 0
    /// for no file) the commit is refused if the file has changed since.
    /// </summary>
    public sealed record CommitUpload(
        string EntityId,
        string CloudPath,
        string UploadId,
        string BlobName,
        long Size,
        string ContentType,
        string Sha256,
        string? Source,
        Caller By,
        int? ExpectedVersion = null) : IFileMessage;

    public sealed record DeleteFile(string EntityId, string CloudPath, Caller By) : IFileMessage;

    public sealed record RevokeUrls(string EntityId, string CloudPath, Caller By) : IFileMessage;

    /// <summary>Answered with <see cref="FileReplies.FileView"/>.</summary>
    public sealed record GetFile(string EntityId) : IFileMessage;
}
